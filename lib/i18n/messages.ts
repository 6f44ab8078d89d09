/** UI text in English and Thai. Keys are shared; every key has both languages. */
export const locales = ['en', 'th'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

const en = {
  appName: 'Golf Bay Booking',
  tagline: 'Golf simulator bays in Bangkok · open 10:00–23:00',
  availabilityHeading: 'Bay availability',
  dateLabel: 'Date',
  previousDay: 'Previous day',
  nextDay: 'Next day',
  today: 'Today',
  loading: 'Loading availability…',
  loadFailed: 'Could not load availability. Please try again.',
  retry: 'Try again',
  closed: 'The venue is closed on this date.',
  fullyBooked: 'Every bay is booked on this date. Try another day.',
  pastDate: 'This date has passed. Pick today or a later date.',
  free: 'Free',
  taken: 'Taken',
  time: 'Time',
  people: 'up to {n} people',
  pricePerHour: '฿{price}/hour',
  legendFree: 'Free to book',
  legendTaken: 'Booked or past',
  signIn: 'Sign in',
  language: 'ภาษาไทย',
  loginHeading: 'Sign in',
  loginIntro: 'Sign in to manage your bookings, or continue as a guest.',
  continueWith: 'Continue with {provider}',
  guestHeading: 'Continue as a guest',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  continueAsGuest: 'Continue as guest',
  signInFailed: 'Sign-in failed. Check your details and try again.',
  backHome: 'Back to availability',
  slotsFree: '{n} free',
} as const;

export type MessageKey = keyof typeof en;

const th: Record<MessageKey, string> = {
  appName: 'จองเบย์กอล์ฟ',
  tagline: 'เบย์กอล์ฟจำลองในกรุงเทพฯ · เปิด 10:00–23:00',
  availabilityHeading: 'เบย์ที่ว่าง',
  dateLabel: 'วันที่',
  previousDay: 'วันก่อนหน้า',
  nextDay: 'วันถัดไป',
  today: 'วันนี้',
  loading: 'กำลังโหลดเวลาว่าง…',
  loadFailed: 'โหลดข้อมูลเวลาว่างไม่สำเร็จ กรุณาลองอีกครั้ง',
  retry: 'ลองอีกครั้ง',
  closed: 'ร้านปิดในวันที่เลือก',
  fullyBooked: 'ทุกเบย์ถูกจองเต็มแล้วในวันที่เลือก ลองเลือกวันอื่น',
  pastDate: 'วันที่นี้ผ่านไปแล้ว กรุณาเลือกวันนี้หรือวันถัดไป',
  free: 'ว่าง',
  taken: 'ไม่ว่าง',
  time: 'เวลา',
  people: 'สูงสุด {n} คน',
  pricePerHour: '฿{price}/ชั่วโมง',
  legendFree: 'จองได้',
  legendTaken: 'ถูกจองหรือเลยเวลาแล้ว',
  signIn: 'เข้าสู่ระบบ',
  language: 'English',
  loginHeading: 'เข้าสู่ระบบ',
  loginIntro: 'เข้าสู่ระบบเพื่อจัดการการจอง หรือดำเนินการต่อในฐานะผู้เยี่ยมชม',
  continueWith: 'ดำเนินการต่อด้วย {provider}',
  guestHeading: 'ดำเนินการต่อในฐานะผู้เยี่ยมชม',
  name: 'ชื่อ',
  email: 'อีเมล',
  phone: 'เบอร์โทรศัพท์',
  continueAsGuest: 'ดำเนินการต่อในฐานะผู้เยี่ยมชม',
  signInFailed: 'เข้าสู่ระบบไม่สำเร็จ กรุณาตรวจสอบข้อมูลแล้วลองอีกครั้ง',
  backHome: 'กลับไปหน้าเวลาว่าง',
  slotsFree: 'ว่าง {n}',
};

export const messages: Record<Locale, Record<MessageKey, string>> = { en, th };

/** The text of `key` in `locale`, with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
