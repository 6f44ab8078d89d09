import { describe, expect, it } from 'vitest';
import { labelRotation, SEGMENT_COLORS, segmentColor, segmentLabel } from '@/components/lucky-draw/wheel-layout';

// WCAG relative luminance and contrast ratio; CIE76 colour difference in Lab (D65).
const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
const luminance = (hex: string) => {
  const [r, g, b] = channels(hex) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};
function lab(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883].map(f) as [number, number, number];
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const difference = (a: string, b: string) => Math.hypot(...lab(a).map((value, i) => value - lab(b)[i]!));

describe('the prize wheel (#15 item 8)', () => {
  it('white labels keep AA contrast (4.5:1) on every segment colour', () => {
    for (const color of SEGMENT_COLORS) expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it('no two neighbouring segments look alike (CIE76 difference of 30 or more), the last beside the first included', () => {
    // The old wheel's two dark greens were 14 apart.
    expect(difference('#23723a', '#2f8f46')).toBeLessThan(30);
    for (let count = 2; count <= 24; count++) {
      const colors = Array.from({ length: count }, (_, index) => segmentColor(index, count));
      colors.forEach((color, index) => {
        const next = colors[(index + 1) % count]!;
        expect(difference(color, next), `${count} segments: ${index} ${color} beside ${next}`).toBeGreaterThanOrEqual(30);
      });
    }
  });

  it('labels are whole: long names wrap at a space or shrink, never cut', () => {
    expect(segmentLabel('Golf Balls (3 pack)', 6)).toEqual({ lines: ['Golf Balls', '(3 pack)'], fontSize: 12 });
    expect(segmentLabel('Golf Hat', 6)).toEqual({ lines: ['Golf Hat'], fontSize: 12 });
    const long = segmentLabel('Complimentary Championship Scorecard Holder', 6);
    expect(long.lines.join(' ')).toBe('Complimentary Championship Scorecard Holder');
    expect(long.lines).toHaveLength(2);
    expect(long.fontSize).toBeLessThan(12);
    expect(long.fontSize).toBeGreaterThanOrEqual(8);
    expect(segmentLabel('ลูกกอล์ฟ (แพ็ก 3 ลูก)', 6).lines.join(' ')).toBe('ลูกกอล์ฟ (แพ็ก 3 ลูก)');
  });

  it('labels are upright at rest, before and after a spin: on screen within a quarter turn of horizontal', () => {
    for (const wheel of [0, 1837, 3600 + 95, 5 * 360 + 270, -45]) {
      for (let count = 1; count <= 12; count++) {
        for (let index = 0; index < count; index++) {
          const mid = (index + 0.5) * (360 / count);
          const onScreen = (((labelRotation(mid, wheel) + wheel) % 360) + 360) % 360;
          expect(onScreen <= 90 || onScreen >= 270, `wheel ${wheel}°, ${count} segments, segment ${index} at ${mid}°: ${onScreen}°`).toBe(true);
        }
      }
    }
  });
});
