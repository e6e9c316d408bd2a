import type { FoundationTables } from './schema-foundation'
import type { PatientTables } from './schema-patients'
import type { BookingTables } from './schema-booking'
import type { AuthTables } from './schema-auth'
import type { LeaveTables } from './schema-leave'
import type { ExtraTables } from './schema-extra'
import type { WaitlistTables } from './schema-waitlist'
import type { FeeTables } from './schema-fees'
import type { FeedTables } from './schema-feed'
import type { PaymentTables } from './schema-payments'
import type { PolicyTables } from './schema-policy'
import type { ReportTables } from './schema-reports'

/** Every table, as SQLite stores it (booleans as 0/1, JSON as text). Rows become domain objects in services. */
export type DB = FoundationTables &
  PatientTables &
  BookingTables &
  AuthTables &
  LeaveTables &
  ExtraTables &
  WaitlistTables &
  FeeTables &
  FeedTables &
  PaymentTables &
  PolicyTables &
  ReportTables
