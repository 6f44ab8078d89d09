/**
 * Pure layout of the prize wheel's segments (colours and labels), shared by the wheel and its
 * unit test.
 */

/**
 * Segment fills, neighbours of clearly different hue, each dark enough for the white 12 px bold
 * label at WCAG AA (4.5:1 at least; tests/unit/wheel-layout.test.ts holds it).
 */
export const SEGMENT_COLORS = ['#166534', '#b45309', '#1d4ed8', '#be123c', '#155e75', '#6d28d9', '#854d0e', '#334155'] as const;

/** The fill of segment `index` of `count`: never the same as either neighbour, the last one included. */
export function segmentColor(index: number, count: number): string {
  const wraps = count > SEGMENT_COLORS.length && count % SEGMENT_COLORS.length === 1 && index === count - 1;
  // With one colour left over, the last segment would sit beside the first in the same colour.
  return SEGMENT_COLORS[wraps ? 1 : index % SEGMENT_COLORS.length]!;
}

/** Room for a label along the radius (SVG units of the 300-unit wheel): from the hub to the rim. */
const LABEL_LENGTH = 104;
/** Average advance of a bold Latin or Thai glyph, as a share of the font size (measured in Chromium). */
const GLYPH_WIDTH = 0.62;
/** Characters a line holds at 12 px between hub and rim (104 / (12 * 0.62)). */
const MAX_LINE = 14;

/** Word-wraps a prize name into at most two lines, never cutting a word or the name. */
function wrap(name: string): string[] {
  const words = name.trim().split(/\s+/);
  if (name.length <= MAX_LINE || words.length === 1) return [name.trim()];
  // The split that makes the longer line shortest.
  let best: string[] = [name.trim()];
  for (let cut = 1; cut < words.length; cut++) {
    const lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    if (Math.max(...lines.map((line) => line.length)) < Math.max(...best.map((line) => line.length))) best = lines;
  }
  return best;
}

/**
 * A segment's whole label: its lines and a font size (12 down to 8) at which the longest line
 * fits between the hub and the rim; never an ellipsis.
 */
export function segmentLabel(name: string, count: number): { lines: string[]; fontSize: number } {
  const lines = wrap(name);
  const longest = Math.max(...lines.map((line) => line.length));
  const base = count > 8 ? 10 : 12;
  return { lines, fontSize: Math.max(8, Math.min(base, Math.floor(LABEL_LENGTH / (longest * GLYPH_WIDTH)))) };
}

/**
 * The label's rotation (degrees, in the wheel's frame) for a segment centred at `mid` degrees
 * clockwise from the top of a wheel turned by `wheel` degrees: along the radius, turned half a
 * turn where the segment rests on the left half, so no label is upside down at rest, before a
 * spin or after it (the wheel's rotation is set when a spin starts: labels turn over then).
 */
export function labelRotation(mid: number, wheel = 0): number {
  const resting = (((mid + wheel) % 360) + 360) % 360;
  return resting > 180 ? mid + 90 : mid - 90;
}
