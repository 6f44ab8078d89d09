import type { Locale } from '@/lib/i18n/messages';
import type { ComposedEmail } from './compose-booking-confirmation';

type Role = 'staff' | 'admin';

const copy = {
  en: {
    subject: (venue: string) => `You have a staff account at ${venue}`,
    role: { staff: 'Staff', admin: 'Admin' },
    rights: {
      staff: 'You can open the day sheet, book walk-ins, move, check in and cancel bookings, and hand over lucky-draw prizes.',
      admin: 'You can do everything staff do, and also add, change and remove staff accounts.',
    },
    body: (notice: InvitationNotice, venue: string, link: string) =>
      `Hello ${notice.displayName},\n\n${notice.invitedBy} added you to ${venue} as ${copy.en.role[notice.role]}. ${copy.en.rights[notice.role]}\n\nSign in with this email address (${notice.email}) here:\n${link}\n\nWe email you a one-time code to sign in (or use Google with this address). If you did not expect this, ignore this email.\n\n${venue}\n`,
  },
  th: {
    subject: (venue: string) => `คุณมีบัญชีพนักงานที่ ${venue} แล้ว`,
    role: { staff: 'พนักงาน', admin: 'ผู้ดูแลระบบ' },
    rights: {
      staff: 'คุณเปิดตารางการจองของวัน จองให้ลูกค้าที่มาหน้าร้าน เลื่อน เช็กอิน และยกเลิกการจอง และมอบของรางวัลลัคกี้ดรอว์ได้',
      admin: 'คุณทำได้ทุกอย่างที่พนักงานทำ และเพิ่ม เปลี่ยน และนำบัญชีพนักงานออกได้ด้วย',
    },
    body: (notice: InvitationNotice, venue: string, link: string) =>
      `สวัสดีค่ะ คุณ${notice.displayName}\n\n${notice.invitedBy} เพิ่มคุณเข้าสู่ ${venue} ในบทบาท${copy.th.role[notice.role]} ${copy.th.rights[notice.role]}\n\nเข้าสู่ระบบด้วยอีเมลนี้ (${notice.email}) ที่:\n${link}\n\nเราจะส่งรหัสใช้ครั้งเดียวทางอีเมลเพื่อเข้าสู่ระบบ (หรือใช้ Google ด้วยอีเมลนี้) หากคุณไม่ได้คาดหวังอีเมลนี้ โปรดเพิกเฉย\n\n${venue}\n`,
  },
} as const;

export interface InvitationNotice {
  email: string;
  displayName: string;
  role: Role;
  invitedBy: string;
}

/** Where a staff member signs in: the login page, going on to the day sheet. */
export const staffSignInUrl = (baseUrl: string) => `${baseUrl}/login?callbackUrl=/staff`;

/**
 * The invitation a new staff member receives, in both languages (the app does not know theirs
 * yet): who added them, the role and what it allows, and the sign-in link. Plain text.
 */
export function composeStaffInvitationEmail(notice: InvitationNotice, venue: Record<Locale, string>, baseUrl: string): Omit<ComposedEmail, 'html'> {
  const link = staffSignInUrl(baseUrl);
  return {
    subject: `${copy.en.subject(venue.en)} / ${copy.th.subject(venue.th)}`,
    text: `${copy.en.body(notice, venue.en, link)}\n----\n\n${copy.th.body(notice, venue.th, link)}`,
  };
}
