'use client';

import { useEffect, useRef, useState } from 'react';
import { labelRotation, segmentColor, segmentLabel } from './wheel-layout';

export interface WheelSegment {
  name: string;
}

/** How long the wheel turns before the prize is shown (ms); 0 with reduced motion. */
export const SPIN_DURATION_MS = 3500;

const SIZE = 300;
const R = SIZE / 2;

/** Whether the visitor asked for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function point(angleDeg: number, radius: number): [number, number] {
  const rad = ((angleDeg - 90) * Math.PI) / 180;
  return [R + radius * Math.cos(rad), R + radius * Math.sin(rad)];
}

/**
 * An SVG wheel of the live prizes, one equal segment each, with a pointer at the top. When
 * `target` changes (a new spin, by `spinId`), it turns several times and stops with that
 * segment under the pointer (CSS transform; no turning with prefers-reduced-motion).
 */
export function PrizeWheel({ segments, target, spinId, label }: { segments: WheelSegment[]; target: number | null; spinId: number; label: string }) {
  const [rotation, setRotation] = useState(0);
  const rotationRef = useRef(0);
  const count = Math.max(segments.length, 1);
  const slice = 360 / count;

  useEffect(() => {
    if (target === null || spinId === 0) return;
    const center = (target + 0.5) * slice;
    const current = rotationRef.current;
    // Bring the segment's centre to the top: the wheel's angle must be -center (mod 360).
    const wanted = (((360 - center - current) % 360) + 360) % 360;
    const next = current + (prefersReducedMotion() ? 0 : 5 * 360) + wanted;
    rotationRef.current = next;
    setRotation(next);
  }, [spinId, target, slice]);

  return (
    <div className="relative mx-auto aspect-square w-full max-w-[18rem]" data-testid="ld-wheel" data-segments={segments.length}>
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={label} className="h-full w-full drop-shadow">
        <g
          style={{ transform: `rotate(${rotation}deg)`, transformOrigin: '50% 50%', transitionDuration: `${SPIN_DURATION_MS}ms` }}
          className="transition-transform ease-out motion-reduce:transition-none"
        >
          <circle cx={R} cy={R} r={R - 2} fill="#f0f9f1" stroke="#123a20" strokeWidth={4} />
          {segments.map((segment, index) => {
            const start = index * slice;
            const end = start + slice;
            const [x1, y1] = point(start, R - 4);
            const [x2, y2] = point(end, R - 4);
            const large = slice > 180 ? 1 : 0;
            const d = count === 1 ? undefined : `M ${R} ${R} L ${x1} ${y1} A ${R - 4} ${R - 4} 0 ${large} 1 ${x2} ${y2} Z`;
            const mid = start + slice / 2;
            const [tx, ty] = point(mid, R * 0.58);
            const { lines, fontSize } = segmentLabel(segment.name, count);
            const fill = segmentColor(index, count);
            return (
              <g key={`${segment.name}-${index}`} data-testid="ld-wheel-segment">
                {d ? <path d={d} fill={fill} stroke="#fff" strokeWidth={2} /> : <circle cx={R} cy={R} r={R - 4} fill={fill} />}
                <text
                  x={tx}
                  y={ty}
                  fill="#fff"
                  fontSize={fontSize}
                  fontWeight={600}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  transform={`rotate(${labelRotation(mid, rotation)} ${tx} ${ty})`}
                  data-testid="ld-wheel-label"
                >
                  {lines.map((line, row) => (
                    <tspan key={row} x={tx} dy={row === 0 ? `${-0.55 * (lines.length - 1)}em` : '1.1em'}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
          <circle cx={R} cy={R} r={16} fill="#123a20" />
        </g>
        {/* The pointer stays still at the top. */}
        <path d={`M ${R - 12} 2 L ${R + 12} 2 L ${R} 30 Z`} fill="#e11d48" stroke="#fff" strokeWidth={2} />
      </svg>
    </div>
  );
}
