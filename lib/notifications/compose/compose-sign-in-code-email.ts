import type { ComposedEmail } from './compose-booking-confirmation';

const copy = {
  en: {
    subject: (code: string, venue: string) => `${code} is your ${venue} sign-in code`,
    body: (code: string, venue: string) =>
      `Hello,\n\nSomeone asked to sign in to ${venue} with this email address. If it was you, enter this code:\n\n${code}\n\nIt works once, for 10 minutes. If it was not you, ignore this email: nobody signs in without the code.\n\n${venue}\n`,
  },
  th: {
    subject: (code: string, venue: string) => `รหัสเข้าสู่ระบบ ${venue} ของคุณคือ ${code}`,
    body: (code: string, venue: string) =>
      `สวัสดีค่ะ\n\nมีคำขอเข้าสู่ระบบ ${venue} ด้วยอีเมลนี้ หากเป็นคุณ โปรดใส่รหัสนี้:\n\n${code}\n\nรหัสใช้ได้ครั้งเดียว ภายใน 10 นาที หากไม่ใช่คุณ โปรดเพิกเฉยต่ออีเมลนี้ ไม่มีใครเข้าสู่ระบบได้หากไม่มีรหัส\n\n${venue}\n`,
  },
} as const;

/** The email with a one-time sign-in code, in the language of the page it was asked from (plain text: the code is all it says). */
export function composeSignInCodeEmail(notice: { code: string; locale: 'en' | 'th' }, venueName: string): Omit<ComposedEmail, 'html'> {
  const t = copy[notice.locale];
  return { subject: t.subject(notice.code, venueName), text: t.body(notice.code, venueName) };
}
