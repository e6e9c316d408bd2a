import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { bundleWorker } from './bundle-worker'
import { bookEveryBand, withRows } from './race-rows'
import { startWorker, type Worker } from './start-worker'
import { makeClinic, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

const DATE = '2026-12-01'
let clinic: Clinic | undefined
let bundle: string | undefined
afterEach(async () => {
  await clinic?.host.dispose()
  clinic = undefined
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = undefined
})

interface Outcome {
  codes: Record<string, number>
  accepted: { entryId: number; appointmentId: number }[]
  declined: number[]
}
const outcome = (w: Worker): Outcome => JSON.parse(w.lines.at(-1)!) as Outcome

// Offer mode (候补待确认) raced: 3 desks free places (8 cancels, 3 加号), 2 put 16 more patients in
// line (8 wait already), 3 answer the offers (accept, or decline for every third patient) while it all goes on.
// On SQLite the 8 desks are 8 processes on one file; on PostgreSQL, 8 hosts on one database.
forEachEngine((engine) => {
  test(`8 ${engine === 'sqlite' ? 'processes' : 'hosts'} free, wait, accept and decline at once (offer mode): never over quota, one place and one offer per waiting patient, the line offered in order, every acknowledged accept booked once`, async () => {
    clinic = await makeClinic({ patients: 32, quota: 1, walkIn: 0, weekdays: [2] })
    const { host, doctorIds, patientIds, clock } = clinic
    await host.must(ADMIN, 'settings.update', { waitlistMode: 'offer', waitlistOfferMinutes: 15 })
    const doc = doctorIds[0]!
    const { bands, booked } = await bookEveryBand(clinic, doc, DATE, 8)
    // 8 are in line before the race (so every freed place meets a line, however the processes
    // start), the other 16 join during it.
    for (const patientId of patientIds.slice(8, 16))
      await host.must(RECEPTION, 'waitlist.add', {
        patientId,
        doctorId: doc,
        date: DATE,
        phone: '13800138000',
      })
    const waiting = patientIds.slice(16)
    const file = (bundle = await bundleWorker('tests/concurrency/waitlist-worker.ts'))
    const args = (role: string, ids: number[], ...rest: string[]) => [
      host.dataDir,
      clock.now().toISOString(),
      role,
      ids.join(','),
      String(doc),
      DATE,
      ...rest,
    ]
    const env: Record<string, string> = host.databaseUrl
      ? { CLINIC_DATABASE_URL: host.databaseUrl }
      : {}
    const freers = await Promise.all(
      [booked.slice(0, 3), booked.slice(3, 6), booked.slice(6)].map((ids, i) =>
        startWorker(file, args('free', ids, String(bands[i * 3]!.id)), env),
      ),
    )
    const waiters = await Promise.all(
      [waiting.slice(0, 8), waiting.slice(8)].map((ids) =>
        startWorker(file, args('wait', ids), env),
      ),
    )
    const answerers = await Promise.all(
      [0, 1, 2].map(() => startWorker(file, args('answer', [0]), env)),
    )
    const workers = [...freers, ...waiters, ...answerers]
    expect(workers).toHaveLength(8)
    for (const w of workers) w.child.stdin!.write('go\n')
    // The answering desks drain the offers once nobody frees or joins any more.
    expect(await Promise.all([...freers, ...waiters].map((w) => w.done))).toEqual(Array(5).fill(0))
    for (const w of answerers) w.child.stdin!.end('stop\n')
    expect(await Promise.all(answerers.map((w) => w.done))).toEqual([0, 0, 0])

    const outcomes = workers.map(outcome)
    const totals: Record<string, number> = {}
    for (const o of outcomes)
      for (const [code, n] of Object.entries(o.codes)) totals[code] = (totals[code] ?? 0) + n
    console.log('waitlist offer race outcomes', totals)
    expect(totals.CANCELED).toBe(8)
    expect(totals.EXTRA).toBe(3)
    const accepted = outcomes.flatMap((o) => o.accepted)
    const declined = outcomes.flatMap((o) => o.declined)

    await withRows(clinic, async (rows) => {
      const slots = await rows(
        `SELECT id, quota, booked, (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') AS used FROM doctor_schedules s WHERE doctor_id = ? AND date = ?`,
        [doc, DATE],
      )
      // Never over quota, and booked is the count of the places held.
      for (const s of slots) {
        expect(s.booked).toBeLessThanOrEqual(s.quota as number)
        expect(s.booked).toBe(s.used)
      }
      const places = slots.reduce((n, s) => n + (s.quota as number), 0)
      expect(places).toBe(8 + 3)
      // Never two places for one patient.
      expect(
        await rows(
          `SELECT patient_id, count(*) AS n FROM appointments WHERE status <> 'CANCELED' GROUP BY patient_id HAVING count(*) > 1`,
          [],
        ),
      ).toEqual([])
      // Never two offers for one entry (an entry's offer ends it, accepted or not), none left open.
      expect(
        await rows(
          `SELECT entry_id, count(*) AS n FROM waitlist_offers GROUP BY entry_id HAVING count(*) > 1`,
          [],
        ),
      ).toEqual([])
      expect(await rows(`SELECT id FROM waitlist_offers WHERE status = 'OPEN'`, [])).toEqual([])
      expect(await rows(`SELECT id FROM slot_holds`, [])).toEqual([])
      const entries = (await rows(
        'SELECT id, patient_id, status, appointment_id FROM waitlist ORDER BY id',
        [],
      )) as { id: number; patient_id: number; status: string; appointment_id: number | null }[]
      const offers = (await rows(
        'SELECT id, entry_id, status FROM waitlist_offers ORDER BY id',
        [],
      )) as { id: number; entry_id: number; status: string }[]
      // First come, first served: places were offered in line order, and every entry still
      // waiting came after every entry offered a place.
      const offeredEntries = offers.map((o) => o.entry_id)
      expect(offeredEntries).toEqual([...offeredEntries].sort((a, b) => a - b))
      const stillWaiting = entries.filter((e) => e.status === 'WAITING').map((e) => e.id)
      if (stillWaiting.length > 0 && offeredEntries.length > 0)
        expect(Math.max(...offeredEntries)).toBeLessThan(Math.min(...stillWaiting))
      // Every freed place went somewhere: the day is full again, or nobody is left in line.
      const used = slots.reduce((n, s) => n + (s.booked as number), 0)
      if (stillWaiting.length > 0) expect(used).toBe(places)
      // Each acknowledged accept is one booking, of that entry's patient, in the band offered.
      expect(new Set(accepted.map((a) => a.entryId)).size).toBe(accepted.length)
      expect(new Set(accepted.map((a) => a.appointmentId)).size).toBe(accepted.length)
      expect(offers.filter((o) => o.status === 'ACCEPTED').map((o) => o.entry_id)).toEqual(
        accepted.map((a) => a.entryId).sort((a, b) => a - b),
      )
      for (const a of accepted) {
        const entry = entries.find((e) => e.id === a.entryId)!
        expect(entry).toMatchObject({ status: 'BOOKED', appointment_id: a.appointmentId })
        const [appt] = await rows(
          `SELECT patient_id, status, (SELECT count(*) FROM appointments b WHERE b.idempotency_key = a.idempotency_key) AS n FROM appointments a WHERE id = ?`,
          [a.appointmentId],
        )
        expect(appt).toMatchObject({ patient_id: entry.patient_id, n: 1 })
        expect(appt!.status).not.toBe('CANCELED')
      }
      // Each acknowledged decline ended its entry; declines were every third patient's only.
      expect(offers.filter((o) => o.status === 'DECLINED').map((o) => o.entry_id)).toEqual(
        [...declined].sort((a, b) => a - b),
      )
      for (const id of declined)
        expect(entries.find((e) => e.id === id)).toMatchObject({ status: 'CANCELED' })
      expect(offers.every((o) => o.status === 'ACCEPTED' || o.status === 'DECLINED')).toBe(true)
      // The race did race: places were offered and answered both ways.
      expect(accepted.length).toBeGreaterThan(0)
      expect(declined.length).toBeGreaterThan(0)
    })
  }, 240_000)
})
