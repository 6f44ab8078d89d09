'use client';

import { useCallback, useState, useTransition } from 'react';
import { openVipSession, writeVipSession, type StoredVipSession } from './vip-session-store';

/** What the code entry tells the guest: `unknown` is a well-formed code no hotel has. */
export type CodeNotice = 'opening' | 'invalid' | 'unknown' | 'failed' | 'ended' | null;

/**
 * Entering a concierge's code, wherever a form takes one. The API answers an unknown code
 * with a demo session (the spec's fallback); that session is held back until the guest
 * chooses it, so a mistyped code says "not recognised" and never switches to demo mode silently.
 */
export function useVipCodeEntry() {
  const [settledNotice, setNotice] = useState<CodeNotice>(null);
  const [unknownCode, setUnknownCode] = useState<{ code: string; demo: StoredVipSession } | null>(null);
  // "Opening" lasts exactly as long as the request: an async transition is pending until it settles.
  const [opening, startOpening] = useTransition();

  const open = useCallback((code: string) => {
    startOpening(async () => {
      const outcome = await openVipSession(code);
      startOpening(() => {
        if (outcome.kind === 'opened' && outcome.session.isDemo) {
          setUnknownCode({ code, demo: outcome.session });
          setNotice('unknown');
        } else if (outcome.kind === 'opened') {
          writeVipSession(outcome.session);
          setUnknownCode(null);
          setNotice(null);
        } else {
          setNotice(outcome.kind);
        }
      });
    });
  }, []);

  /** The guest chose demo mode after all: the held-back demo session becomes the session. */
  const continueInDemo = useCallback(() => {
    if (unknownCode) writeVipSession(unknownCode.demo);
    setUnknownCode(null);
    setNotice(null);
  }, [unknownCode]);

  return { notice: opening ? ('opening' as const) : settledNotice, setNotice, unknownCode: unknownCode?.code ?? null, open, continueInDemo };
}
