/** Tables of 0004_staff_audit.sql. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthTables {}
