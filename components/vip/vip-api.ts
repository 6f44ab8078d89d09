import type { PackageSummary, VipBooking as VipBookingResult, VipStatusResult } from '@/lib/db/functions';

/** A booking as GET /api/vip/bookings lists it, as the API declares it. */
export type VipBooking = VipBookingResult;

export interface VipBookingsPage {
  bookings: VipBooking[];
  pagination: { currentPage: number; totalPages: number; totalCount: number; limit: number };
}

export type { BookingsFilter } from '@/lib/vip/bookings-filters';

/** GET /api/vip/status and GET /api/vip/packages, as the API declares them. */
export type VipStatus = VipStatusResult;
export type VipLinkStatus = VipStatus['status'];

export type VipPackage = PackageSummary;

export interface VipPackages {
  activePackages: VipPackage[];
  pastPackages: VipPackage[];
}

export interface VipProfile {
  id: string;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  pictureUrl: string | null;
  marketingPreference: boolean | null;
  customerStatus: 'linked' | 'not_linked';
  customerCode: string | null;
}

/** A failed load in the terms the pages show. */
export type LoadFailure = 'auth' | 'rateLimited' | 'failed';

/** Signed out (401), the member's limit spent (429: waiting helps, retrying at once does not), or anything else. */
export const loadFailure = (result: { status: number }): LoadFailure => (result.status === 401 ? 'auth' : result.status === 429 ? 'rateLimited' : 'failed');
