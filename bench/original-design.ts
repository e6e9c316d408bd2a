// The original design note's booking (/work/shared/seed/000_…txt, "预约提交接口"), exactly as it
// books, for bench:concurrency to compare with: in one PostgreSQL transaction,
//   SELECT * FROM doctor_schedules WHERE id = ? FOR UPDATE   (pessimistic lock on the slot row)
//   status must be AVAILABLE, else "该时段已被抢占" (SLOT_TAKEN)
//   INSERT the appointment, its queue number = max + 1 of the doctor's day
//   UPDATE the slot: one place (quota = places left) fewer, BOOKED when none is left
//   COMMIT
// The max + 1 is read under the slot's lock only: two bands of one doctor-day booked at the same
// moment read the same max. The bench counts those duplicates; it does not fix them.
import type { PoolClient } from 'pg'

/** The note's two tables (plus the patients it joins), with the index the doctor's day query needs. */
export const ORIGINAL_SCHEMA = `
CREATE TABLE patients (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE doctor_schedules (
  id integer PRIMARY KEY,
  doctor_id integer NOT NULL,
  date date NOT NULL,
  start_time text NOT NULL,
  end_time text NOT NULL,
  status text NOT NULL CHECK (status IN ('AVAILABLE', 'BOOKED', 'LOCKED')),
  quota integer NOT NULL -- 剩余名额: places left
);
CREATE TABLE appointments (
  id serial PRIMARY KEY,
  schedule_id integer NOT NULL REFERENCES doctor_schedules(id),
  patient_id integer NOT NULL REFERENCES patients(id),
  doctor_id integer NOT NULL,
  date date NOT NULL,
  queue_no integer NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_doctor_day ON appointments (doctor_id, date);
`

export type OriginalResult =
  | { ok: true; value: { id: number; queueNo: number } }
  | { ok: false; error: { code: 'SLOT_TAKEN' | 'NOT_FOUND'; message: string } }

/** create_appointment(user_id, schedule_id) of the note, on one pooled connection. */
export async function bookOriginal(
  db: PoolClient,
  scheduleId: number,
  patientId: number,
): Promise<OriginalResult> {
  await db.query('BEGIN')
  try {
    const slot = await db.query<{ doctor_id: number; date: string; status: string }>(
      { name: 'slot', text: 'SELECT * FROM doctor_schedules WHERE id = $1 FOR UPDATE' },
      [scheduleId],
    )
    const row = slot.rows[0]
    if (!row || row.status !== 'AVAILABLE') {
      await db.query('ROLLBACK')
      return row
        ? { ok: false, error: { code: 'SLOT_TAKEN', message: '该时段已被抢占' } }
        : { ok: false, error: { code: 'NOT_FOUND', message: 'no such slot' } }
    }
    const next = await db.query<{ n: number }>(
      {
        name: 'next',
        text: 'SELECT COALESCE(MAX(queue_no), 0) + 1 AS n FROM appointments WHERE doctor_id = $1 AND date = $2',
      },
      [row.doctor_id, row.date],
    )
    const queueNo = next.rows[0]!.n
    const inserted = await db.query<{ id: number }>(
      {
        name: 'insert',
        text: `INSERT INTO appointments (schedule_id, patient_id, doctor_id, date, queue_no, status) VALUES ($1, $2, $3, $4, $5, 'CONFIRMED') RETURNING id`,
      },
      [scheduleId, patientId, row.doctor_id, row.date, queueNo],
    )
    await db.query(
      {
        name: 'take',
        text: `UPDATE doctor_schedules SET quota = quota - 1, status = CASE WHEN quota - 1 = 0 THEN 'BOOKED' ELSE status END WHERE id = $1`,
      },
      [scheduleId],
    )
    await db.query('COMMIT')
    return { ok: true, value: { id: inserted.rows[0]!.id, queueNo } }
  } catch (e) {
    await db.query('ROLLBACK')
    throw e
  }
}
