'use client';

import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { secondaryButton } from '@/components/ui/styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { redemptionCodeIn } from '@/lib/lucky-draw/redemption-code';

/** Frames are scaled down to this width before decoding: enough for a phone-screen QR, light on the CPU. */
const FRAME_WIDTH = 640;
/** A photo's longer side is scaled to at most this before decoding (phone photos are 12 MP and more). */
const PHOTO_SIDE = 1280;
/** Time between two decoded frames (ms): about 6 a second finds a code at once without heating the phone. */
const FRAME_INTERVAL_MS = 160;

/** The redemption code in an image's pixels, read by jsQR (loaded only when the desk scans), or null. */
async function decode(source: CanvasImageSource, width: number, height: number, canvas: HTMLCanvasElement): Promise<string | null> {
  const jsQR = (await import('jsqr')).default;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context || width === 0 || height === 0) return null;
  context.drawImage(source, 0, 0, width, height);
  const found = jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'attemptBoth' });
  return found ? redemptionCodeIn(found.data) : null;
}

/** Why the camera cannot be used, in the desk's words. */
const cameraFailure = (error: unknown): MessageKey =>
  error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError') ? 'stCameraRefused' : 'stCameraAbsent';

/**
 * Reads the QR code of the customer's LINE screen on the staff member's own device: the camera
 * (getUserMedia, started only by the button, stopped on leaving or hiding the page) or a photo
 * taken or chosen through the file input. A code found goes to `onCode`; typing always works.
 */
export function ScanCode({ locale, onCode }: { locale: Locale; onCode: (code: string) => void }) {
  const t = (key: MessageKey) => translate(locale, key);
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const frame = useRef<number>(0);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const found = useRef(onCode);
  useEffect(() => {
    found.current = onCode;
  }, [onCode]);

  const canvasOf = () => (canvas.current ??= document.createElement('canvas'));

  const stop = useCallback(() => {
    cancelAnimationFrame(frame.current);
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setCamera('off');
  }, []);

  // Leaving the page, or hiding it (another app, a locked phone), turns the camera off.
  useEffect(() => {
    const hidden = () => document.visibilityState === 'hidden' && stop();
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      stop();
    };
  }, [stop]);

  async function start() {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('stCameraAbsent');
      return;
    }
    setCamera('starting');
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      stream.current = media;
      const view = video.current;
      if (!view) return stop();
      view.srcObject = media;
      await view.play();
      setCamera('on');
      let last = 0;
      let busy = false;
      const tick = (now: number) => {
        frame.current = requestAnimationFrame(tick);
        if (busy || now - last < FRAME_INTERVAL_MS || view.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !view.videoWidth) return;
        last = now;
        busy = true;
        const width = Math.min(FRAME_WIDTH, view.videoWidth);
        void decode(view, width, Math.round((view.videoHeight * width) / view.videoWidth), canvasOf())
          .then((code) => {
            if (code && stream.current) {
              stop();
              found.current(code);
            }
          })
          .finally(() => {
            busy = false;
          });
      };
      frame.current = requestAnimationFrame(tick);
    } catch (error) {
      stop();
      setProblem(cameraFailure(error));
    }
  }

  async function photo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    const url = URL.createObjectURL(file);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      const scale = Math.min(1, PHOTO_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
      const code = await decode(image, Math.round(image.naturalWidth * scale), Math.round(image.naturalHeight * scale), canvasOf());
      if (code) found.current(code);
      else setProblem('stPhotoNoCode');
    } catch {
      setProblem('stPhotoNoCode');
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  return (
    <div className="space-y-3" data-testid="scan-code">
      <div className="flex flex-wrap gap-2">
        {camera === 'off' ? (
          <button type="button" className={secondaryButton} onClick={() => void start()}>
            {t('stScanCamera')}
          </button>
        ) : (
          <button type="button" className={secondaryButton} onClick={stop}>
            {t('stScanStop')}
          </button>
        )}
        <input id={`${id}-photo`} type="file" accept="image/*" capture="environment" className="peer sr-only" onChange={(event) => void photo(event)} />
        <label
          htmlFor={`${id}-photo`}
          className={`${secondaryButton} cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-turf-500`}
        >
          {t('stScanPhoto')}
        </label>
      </div>
      {/* Always in the page (hidden while off) so the stream has an element to play in. */}
      <div hidden={camera === 'off'}>
        <p className="text-sm text-slate-700">{t('stScanHint')}</p>
        <video ref={video} muted playsInline aria-label={t('stScanVideo')} className="mt-2 aspect-square w-full max-w-xs rounded-md bg-black object-cover" data-testid="scan-video" />
      </div>
      {problem && (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="scan-problem">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
