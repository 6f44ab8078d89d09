import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { EntitledConfirmation } from '@/components/booking/entitled-confirmation';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { DemoBookingResult } from '@/components/booking/demo-booking-result';
import { REFERENCE_PATTERN } from '@/components/booking/booking-rules';
import { authOptions } from '@/lib/auth/options';
import { translate } from '@/lib/i18n/messages';
import { findMyBooking } from '@/lib/vip/find-my-booking';
import { currentLocale } from '../../_i18n/current-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { searchParams: Promise<{ ref?: string | string[] }> }): Promise<Metadata> {
  const { ref } = await props.searchParams;
  const demo = (Array.isArray(ref) ? ref[0] : ref)?.startsWith('DEMO-');
  // Neutral until the page knows the visitor may see the booking (a made-up reference is never "confirmed").
  return { title: translate(await currentLocale(), demo ? 'titleDemo' : 'manageTitle') };
}

/** /book/confirmed?ref=BK… – shown after a booking; without a reference there is nothing to confirm. */
export default async function BookingConfirmedPage(props: { searchParams: Promise<{ ref?: string | string[] }> }) {
  const searchParams = await props.searchParams;
  const reference = Array.isArray(searchParams.ref) ? searchParams.ref[0] : searchParams.ref;
  if (!reference || !REFERENCE_PATTERN.test(reference)) redirect('/book');
  const locale = await currentLocale();
  // A signed-in member sees their own booking; anyone else needs its manage link (checked in the browser).
  const profileId = reference.startsWith('DEMO-') ? undefined : ((await getServerSession(authOptions()).catch(() => null))?.user as { id?: string } | undefined)?.id;
  const ownedByMember = profileId ? (await findMyBooking(profileId, reference).catch(() => null)) !== null : false;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      {/* A demo session's booking saved nothing: its page must never read as a confirmation. */}
      {reference.startsWith('DEMO-') ? <DemoBookingResult locale={locale} reference={reference} /> : <EntitledConfirmation locale={locale} reference={reference} ownedByMember={ownedByMember} />}
    </main>
  );
}
