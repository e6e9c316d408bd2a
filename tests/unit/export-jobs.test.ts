import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest'
import { ConnectionSession } from '../../src/main/host/connection'
import { sweepExportFolder } from '../../src/main/services/exports/jobs'
import { EXPORT_KEEP_MS, type ExportJob } from '../../src/shared/contract/exports'
import type { Caller } from '../../src/shared/roles'
import { countRows, quietAppointment } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { tempDir } from '../helpers/temp-dir'
import { ADMIN, makeTestHost, manualClock, RECEPTION, type TestHost } from '../helpers/test-host'

/**
 * Export jobs through the real dispatcher on a real SQLite file and on PostgreSQL: 15,001 appointments in March
 * (one live with an ID number, 15,000 archived), so that a job crosses pages (5,000 rows each)
 * and can be seen half-way and canceled.
 */
const ARCHIVED = 15_000
let clock: ReturnType<typeof manualClock>
let host: TestHost
const window1 = new ConnectionSession({ kind: 'window', origin: 'window#1' })
const window2 = new ConnectionSession({ kind: 'window', origin: 'window#2' })
const OTHER_ADMIN: Caller = { role: 'admin', label: 'other-admin', staffId: 99 }

/** The rows above, through the host's writable handle (the same builder on either engine). */
async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db.insertInto('departments').values({ name: '内科', created_at: now }).execute()
  await db
    .insertInto('doctors')
    .values({ name: '李医生', department_id: 1, created_at: now })
    .execute()
  await db
    .insertInto('patients')
    .values({
      name: '张三',
      sex: 'U',
      id_number: '110101199003071234',
      created_at: now,
      updated_at: now,
    })
    .execute()
  await db
    .insertInto('doctor_schedules')
    .values({
      id: 1,
      doctor_id: 1,
      date: '2026-03-02',
      start_time: '08:00',
      end_time: '08:30',
      quota: 9,
      booked: 1,
      walk_in_reserved: 0,
      walk_ins: 0,
      status: 'AVAILABLE',
      template_id: null,
    })
    .execute()
  const common = {
    slot_id: 1,
    doctor_id: 1,
    patient_id: 1,
    queue_no: 1,
    status: 'COMPLETED' as const,
    cancel_reason: null,
    ...quietAppointment(now),
  }
  await db
    .insertInto('appointments')
    .values({
      ...common,
      id: 1,
      date: '2026-03-02',
      source: 'PHONE',
      call_order: 0,
      live_guard: null,
    })
    .execute()
  // In statements of 1,000 rows: PostgreSQL takes at most 65,535 parameters in one.
  for (let first = 0; first < ARCHIVED; first += 1000)
    await db
      .insertInto('appointments_archive')
      .values(
        Array.from({ length: Math.min(1000, ARCHIVED - first) }, (_, k) => {
          const i = first + k
          return {
            ...common,
            id: 100 + i,
            date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
            start_time: '08:00',
            end_time: '08:30',
            source: 'WALK_IN' as const,
            late_canceled_on: null,
            archived_at: now,
          }
        }),
      )
      .execute()
}

const MARCH = { from: '2026-03-01', to: '2026-03-31', format: 'csv', language: 'en' } as const
const folder = () => join(host.dataDir, 'exports')
const filesLeft = () => (existsSync(folder()) ? readdirSync(folder()) : [])
const auditCount = (): Promise<number> => countRows(host, 'audit_log')

/** A call from one window (the job is bound to it), failing the test unless it is ok. */
async function on<T>(window: ConnectionSession, method: string, params: unknown, caller = ADMIN) {
  const r = await host.dispatch(caller, method, params, window)
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

/** Polls between the job's pages; every distinct `done` seen on the way. */
async function finish(window: ConnectionSession, jobId: string) {
  const seen: number[] = []
  for (;;) {
    const s = await on<ExportJob>(window, 'exports.status', { jobId })
    if (seen.at(-1) !== s.done) seen.push(s.done)
    if (s.state !== 'running') return { job: s, seen }
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

/** The whole file, piece by piece, as the reports screen fetches it. */
async function download(window: ConnectionSession, jobId: string, caller = ADMIN): Promise<Buffer> {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const piece = await on<{ dataBase64: string; eof: boolean }>(
      window,
      'exports.read',
      { jobId, offset },
      caller,
    )
    const bytes = Buffer.from(piece.dataBase64, 'base64')
    parts.push(bytes)
    offset += bytes.length
    if (piece.eof) return Buffer.concat(parts)
  }
}

forEachEngine(() => {
  describe('export jobs', () => {
    beforeAll(async () => {
      clock = manualClock('2026-04-01T02:00:00Z')
      host = await makeTestHost({ clock })
      await build(host)
    }, 120_000)
    afterAll(async () => host?.dispose())

    test('a job reports progress page by page, then its file downloads once and is gone from the host', async () => {
      const before = await auditCount()
      const started = await on<ExportJob>(window1, 'exports.startAppointments', MARCH)
      expect(started).toMatchObject({ state: 'running', done: 0 })
      expect(started.jobId).toMatch(/^[0-9a-f]{32}$/)
      const { job, seen } = await finish(window1, started.jobId)
      expect(job).toMatchObject({ state: 'done', done: ARCHIVED + 1, total: ARCHIVED + 1 })
      // Half-way figures were there to see (pages of 5,000 rows of the archive).
      expect(seen.filter((n) => n > 0 && n < ARCHIVED + 1).length).toBeGreaterThan(0)
      expect(seen).toEqual([...seen].sort((a, b) => a - b))
      const file = await download(window1, started.jobId)
      expect(file.length).toBe(job.bytes)
      expect(file.length).toBeGreaterThan(1024 * 1024) // more than one piece
      const csv = file.toString('utf8')
      expect(csv.startsWith('\uFEFFDate,Doctor')).toBe(true)
      expect(csv.split('\r\n')).toHaveLength(ARCHIVED + 3) // header, rows, the final CRLF
      expect(csv).toContain('110101********1234')
      expect(csv).not.toContain('110101199003071234')
      expect(await auditCount()).toBe(before) // masked: nothing to audit
      expect(filesLeft()).toEqual([])
      expect((await on<ExportJob>(window1, 'exports.status', { jobId: started.jobId })).state).toBe(
        'expired',
      )
      expect(
        await host.dispatch(ADMIN, 'exports.read', { jobId: started.jobId, offset: 0 }, window1),
      ).toMatchObject({ ok: false, error: { code: 'EXPORT_EXPIRED' } })
    })

    test('cancel stops the job and removes the partly written file', async () => {
      const started = await on<ExportJob>(window1, 'exports.startAppointments', {
        ...MARCH,
        format: 'xlsx',
      })
      // One at a time per caller: a second start while it runs is refused, nothing started.
      expect(await host.dispatch(ADMIN, 'exports.startAppointments', MARCH, window1)).toMatchObject(
        {
          ok: false,
          error: { code: 'CONFLICT' },
        },
      )
      const canceled = await on<ExportJob>(window1, 'exports.cancel', { jobId: started.jobId })
      expect(canceled.state).toBe('canceled')
      expect(canceled.done).toBeLessThan(ARCHIVED + 1)
      expect(filesLeft()).toEqual([])
      expect(
        await host.dispatch(ADMIN, 'exports.read', { jobId: started.jobId, offset: 0 }, window1),
      ).toMatchObject({ ok: false, error: { code: 'EXPORT_EXPIRED' } })
    })

    test('the file is for its owner only: another window, another admin, another role are refused', async () => {
      const started = await on<ExportJob>(window1, 'exports.startReport', {
        report: { from: '2026-03-01', to: '2026-03-31', period: 'month', by: 'doctor' },
        table: 'summary',
        format: 'csv',
        language: 'zh-CN',
      })
      await finish(window1, started.jobId)
      const jobId = started.jobId
      for (const [caller, window, code] of [
        [ADMIN, window2, 'NOT_FOUND'],
        [ADMIN, undefined, 'NOT_FOUND'],
        [OTHER_ADMIN, window1, 'NOT_FOUND'],
        [RECEPTION, window1, 'FORBIDDEN'],
      ] as const) {
        for (const [method, params] of [
          ['exports.read', { jobId, offset: 0 }],
          ['exports.status', { jobId }],
          ['exports.cancel', { jobId }],
        ] as const)
          expect(await host.dispatch(caller, method, params, window)).toMatchObject({
            ok: false,
            error: { code },
          })
      }
      // Still there for its owner, and it is the report's table with the doctor's name.
      const csv = (await download(window1, jobId)).toString('utf8')
      expect(csv.split('\r\n')[0]).toBe(
        '\uFEFF周期,分组,预约,现场挂号,加号,完成,爽约,爽约率,取消,候诊中位数(秒),候诊P90(秒),就诊中位数(秒),就诊P90(秒),提供号源,已用号源,未用号源',
      )
      expect(csv.split('\r\n')[1]).toBe(
        // The one band: quota 9, one place used.
        `2026-03-01,李医生,1,${ARCHIVED},0,${ARCHIVED + 1},0,0,0,,,,,9,1,8`,
      )
    })

    test('a finished file not fetched within EXPORT_KEEP_MS is removed and refused', async () => {
      const started = await on<ExportJob>(window1, 'exports.startReport', {
        report: { from: '2026-03-01', to: '2026-03-31', period: 'month' },
        table: 'heatMap',
        format: 'xlsx',
        language: 'en',
      })
      expect((await finish(window1, started.jobId)).job.state).toBe('done')
      expect(filesLeft()).toHaveLength(1)
      clock.advance(EXPORT_KEEP_MS + 1000)
      expect(
        await host.dispatch(ADMIN, 'exports.read', { jobId: started.jobId, offset: 0 }, window1),
      ).toMatchObject({ ok: false, error: { code: 'EXPORT_EXPIRED' } })
      expect(filesLeft()).toEqual([])
    })

    test('full ID numbers only when asked, and the asking is audited before the file exists', async () => {
      const before = await auditCount()
      const started = await on<ExportJob>(window1, 'exports.startAppointments', {
        ...MARCH,
        to: '2026-03-02',
        unmasked: true,
      })
      const audits = (await host.must(ADMIN, 'audit.list', { action: 'exports.startAppointments' }))
        .rows
      expect(audits).toHaveLength(1)
      expect(audits[0]).toMatchObject({
        entity: 'export',
        actor: ADMIN.label,
        after: { kind: 'appointments', from: '2026-03-01', to: '2026-03-02', unmasked: true },
      })
      expect(await auditCount()).toBe(before + 1)
      await finish(window1, started.jobId)
      const csv = (await download(window1, started.jobId)).toString('utf8')
      expect(csv).toContain('110101199003071234')
    })

    test('only an admin may ask for full ID numbers: reception and a doctor get FORBIDDEN, and nothing is written', async () => {
      const before = await auditCount()
      const ownDoctor: Caller = { role: 'doctor', doctorId: 1, label: 'doctor#1' }
      for (const caller of [RECEPTION, ownDoctor])
        for (const unmasked of [true, false])
          expect(
            await host.dispatch(
              caller,
              'exports.startAppointments',
              { ...MARCH, unmasked },
              window2,
            ),
          ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await auditCount()).toBe(before)
      expect(filesLeft()).toEqual([])
    })

    test("a doctor exports their own month's table: their figures only, masked by having no patient, not audited", async () => {
      const before = await auditCount()
      const own: Caller = { role: 'doctor', doctorId: 1, label: 'doctor#1' }
      const other: Caller = { role: 'doctor', doctorId: 2, label: 'doctor#2' }
      const mine = {
        doctorId: 1,
        from: '2026-03-01',
        to: '2026-03-31',
        period: 'month',
        table: 'summary',
        format: 'csv',
        language: 'zh-CN',
      } as const
      // Another doctor's figures, or the admin's report export: refused before any job or file.
      for (const [caller, method, params] of [
        [other, 'exports.startDoctorReport', mine],
        [own, 'exports.startDoctorReport', { ...mine, doctorId: 2 }],
        [
          own,
          'exports.startReport',
          { report: { ...mine, by: 'doctor' }, table: 'summary', format: 'csv', language: 'en' },
        ],
        [RECEPTION, 'exports.startDoctorReport', mine],
      ] as const)
        expect(await host.dispatch(caller, method, params, window2)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        })
      expect(filesLeft()).toEqual([])

      const started = await on<ExportJob>(window2, 'exports.startDoctorReport', mine, own)
      expect(started.fileName).toMatch(/^report-summary_2026-03-01_2026-03-31_.*\.csv$/)
      // The job is the doctor's alone: the admin on the same window does not see it.
      expect(
        await host.dispatch(ADMIN, 'exports.status', { jobId: started.jobId }, window2),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      for (;;) {
        const s = await on<ExportJob>(window2, 'exports.status', { jobId: started.jobId }, own)
        if (s.state === 'done') break
        expect(s.state).toBe('running')
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
      const csv = (await download(window2, started.jobId, own)).toString('utf8').split('\r\n')
      expect(csv).toHaveLength(3) // header, the month, the final CRLF
      expect(csv[1]).toBe(`2026-03-01,全部,1,${ARCHIVED},0,${ARCHIVED + 1},0,0,0,,,,,9,1,8`)
      expect(await auditCount()).toBe(before)
      expect(filesLeft()).toEqual([])
    })

    test.each([
      [{ ...MARCH, from: '2026-03-31', to: '2026-03-01' }, 'to'],
      [{ ...MARCH, to: '2036-03-31' }, 'to'],
      [{ ...MARCH, format: 'pdf' }, 'format'],
      [{ ...MARCH, path: '/tmp/x' }, 'path'],
    ])('bad input %j: INVALID_INPUT on %s, no job, no audit row, no file', async (input, field) => {
      const before = await auditCount()
      const r = await host.dispatch(
        ADMIN,
        'exports.startAppointments',
        { ...input, unmasked: true },
        window2,
      )
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
      expect(await auditCount()).toBe(before)
      expect(filesLeft()).toEqual([])
    })
  })
})

test('at start-up, files older than a day in exports/ are removed, newer ones kept', () => {
  const temp = tempDir()
  const dir = join(temp.path, 'sweep')
  mkdirSync(dir)
  onTestFinished(() => temp.remove())
  writeFileSync(join(dir, 'old.csv'), 'x')
  writeFileSync(join(dir, 'new.csv'), 'y')
  const now = new Date()
  const twoDaysAgo = new Date(now.getTime() - 2 * 86_400_000)
  utimesSync(join(dir, 'old.csv'), twoDaysAgo, twoDaysAgo)
  expect(sweepExportFolder(dir, now)).toBe(1)
  expect(readdirSync(dir)).toEqual(['new.csv'])
})
