/**
 * The filters of a member's booking list (GET /api/vip/bookings?filter=), shared by the API's
 * schema and the portal (pure: the client imports it). The spec's future, past and all, and
 * cancelled: a cancelled booking is neither upcoming nor a visit that took place.
 */
export const BOOKINGS_FILTERS = ['future', 'past', 'cancelled', 'all'] as const;
export type BookingsFilter = (typeof BOOKINGS_FILTERS)[number];

export const isBookingsFilter = (value: unknown): value is BookingsFilter => BOOKINGS_FILTERS.includes(value as BookingsFilter);
