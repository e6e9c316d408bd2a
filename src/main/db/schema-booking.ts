/** Tables of 0003_booking.sql. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BookingTables {}
