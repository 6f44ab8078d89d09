'use client';

import { useEffect, useState } from 'react';

/** White modules around the symbol: the quiet zone scanners need to find it (4 is the standard's). */
const QUIET_ZONE = 4;

/** One SVG path of the dark modules of `code`'s QR symbol (error correction M: a scratched screen still reads). */
async function qrPath(code: string): Promise<{ size: number; d: string }> {
  const { create } = await import('qrcode');
  const { modules } = create(code, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(x, y)) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, d };
}

/**
 * A redemption code as a QR symbol (SVG, drawn from the qrcode package's matrix, loaded only
 * when a code is shown) with the code in text beside it, so the desk can scan it from the
 * customer's phone or type it.
 */
export function RedemptionQr({ code, label, className = 'h-44 w-44' }: { code: string; label: string; className?: string }) {
  const [symbol, setSymbol] = useState<{ code: string; size: number; d: string } | null>(null);

  useEffect(() => {
    let live = true;
    void qrPath(code).then((drawn) => live && setSymbol({ code, ...drawn }));
    return () => {
      live = false;
    };
  }, [code]);

  const shown = symbol?.code === code ? symbol : null;
  return (
    <div className="flex flex-wrap items-center justify-center gap-3" data-testid="redemption-qr" data-code={code}>
      <div className={`${className} shrink-0 rounded-md bg-white p-1 ring-1 ring-slate-300`}>
        {shown && (
          <svg viewBox={`0 0 ${shown.size} ${shown.size}`} role="img" aria-label={label} shapeRendering="crispEdges" className="h-full w-full">
            <rect width={shown.size} height={shown.size} fill="#fff" />
            <path d={shown.d} fill="#000" />
          </svg>
        )}
      </div>
      <p className="font-mono text-3xl font-bold tracking-widest text-slate-900" data-testid="redemption-qr-code">
        {code}
      </p>
    </div>
  );
}
