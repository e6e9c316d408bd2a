import { sql, type Transaction } from 'kysely'
import { onPgTx } from '../../db/compiled'
import type { DB } from '../../db/schema'

/** The advisory-lock class of waitlist lines (two-key form: apart from every one-key lock). */
const LINE_LOCK_CLASS = 15017

/**
 * One doctor-day's waitlist line, held until COMMIT, on PostgreSQL, where units of several hosts
 * run side by side under READ COMMITTED. Without it two hosts each freeing a place both read the
 * same first waiting patient and both try to book them (the second fails on the entry's
 * idempotency key and its cancel with it), and a patient can join the line while a place frees
 * unseen. Taken before the line (or the day's fullness) is read, so that read sees the other
 * unit's commit. On SQLite a write transaction holds the whole file: there is nothing to lock.
 */
export async function lockLine(tx: Transaction<DB>, doctorId: number, date: string): Promise<void> {
  if (onPgTx(tx))
    await sql`SELECT pg_advisory_xact_lock(${LINE_LOCK_CLASS}, hashtext(${`${doctorId}:${date}`}))`.execute(
      tx,
    )
}
