import type { ComposedEmail } from './compose-booking-confirmation';

const copy = {
  en: {
    subject: (code: string) => `${code} is your verification code`,
    body: (name: string, code: string, venue: string) =>
      `Hello ${name},\n\nSomeone asked to link a ${venue} online account to your customer record. If it was you, enter this code:\n\n${code}\n\nIt works for 10 minutes. If it was not you, ignore this email: nothing is linked without the code.\n\n${venue}\n`,
  },
  th: {
    subject: (code: string) => `รหัสยืนยันของคุณคือ ${code}`,
    body: (name: string, code: string, venue: string) =>
      `สวัสดีคุณ ${name}\n\nมีคำขอเชื่อมบัญชีออนไลน์ของ ${venue} กับข้อมูลลูกค้าของคุณ หากเป็นคุณ โปรดใส่รหัสนี้:\n\n${code}\n\nรหัสใช้ได้ 10 นาที หากไม่ใช่คุณ โปรดเพิกเฉยต่ออีเมลนี้ ไม่มีการเชื่อมบัญชีหากไม่มีรหัส\n\n${venue}\n`,
  },
} as const;

/** The email with a VIP link code, in the customer's language (plain text: the code is all it says). */
export function composeLinkCodeEmail(notice: { code: string; customerName: string; locale: 'en' | 'th' }, venueName: string): Omit<ComposedEmail, 'html'> {
  const t = copy[notice.locale];
  return { subject: t.subject(notice.code), text: t.body(notice.customerName, notice.code, venueName) };
}
