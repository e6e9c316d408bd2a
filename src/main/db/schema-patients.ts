/** Tables of 0002_patients.sql. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PatientTables {}
