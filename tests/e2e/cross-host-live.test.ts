// Issue 15 part 4: two hosts in browser mode on one PostgreSQL database, host B in an OS process of
// its own. The desk on host A books and registers a walk-in; doctor A's screen on host B shows both
// without a reload; the doctor calls on B and the desk's day list and the waiting-room display on A
// follow. Then host B is killed while A books, and started again: the doctor's screen reconnects
// and catches up through sync.since (the shared log), still without a reload.
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { shareHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { RECEPTION, useDatabases } from '../helpers/test-host'
import { bundleWorker } from '../concurrency/bundle-worker'
import { sideBySide, startHostProcess } from './cross-host-fixtures'
import { band, NOW, openReception, startReceptionClinic, TODAY } from './reception-fixtures'

/** Generous: two hosts, a PostgreSQL server and Chromium share two loaded cores. */
const WAIT = { timeout: 30_000 }

const queueRow = (page: Page, id: number) =>
  page.locator(`[data-testid="queue-row"][data-appointment-id="${id}"]`)
const dayRow = (page: Page, id: number) =>
  page.locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"]`)

/** Every sync.since answer a page receives, matched to its request by id. */
function recordCatchUps(page: Page): { complete: boolean; events: string[] }[] {
  const asked = new Set<unknown>()
  const answers: { complete: boolean; events: string[] }[] = []
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const frame = JSON.parse(String(f.payload)) as { id?: unknown; method?: string }
      if (frame.method === 'sync.since') asked.add(frame.id)
    })
    ws.on('framereceived', (f) => {
      const frame = JSON.parse(String(f.payload)) as {
        id?: unknown
        result?: { complete: boolean; changes: { event: string; payload: object }[] }
      }
      if (!Array.isArray(frame) && asked.has(frame.id) && frame.result)
        answers.push({
          complete: frame.result.complete,
          events: frame.result.changes.map((c) => `${c.event} ${JSON.stringify(c.payload)}`),
        })
    })
  })
  return answers
}

/** Books a phone patient for today through the desk's screen: band, search, Enter, confirm. */
async function bookAtDesk(
  desk: Page,
  doctorId: number,
  start: string,
  search: string,
  name: string,
) {
  await band(desk, doctorId, start).click()
  await expect.poll(() => band(desk, doctorId, start).getAttribute('data-state'), WAIT).toBe('mine')
  await desk.getByTestId('rx-search').fill(search)
  await desk.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor(WAIT)
  await desk.getByTestId('rx-search').press('Enter')
  await expect.poll(() => desk.getByTestId('rx-patient').textContent(), WAIT).toContain(name)
  await desk.getByTestId('rx-confirm').click()
  await expect.poll(() => desk.getByTestId('rx-message').textContent(), WAIT).toContain(name)
}

describe.skipIf(pgSkipReason !== undefined)(
  `two hosts on one PostgreSQL, live across them${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let browser: Browser
    let hostFile: string
    beforeAll(async () => {
      hostFile = await bundleWorker('tests/e2e/host-process.ts')
      cluster = await startPgCluster()
      useDatabases(() => cluster.database())
      browser = await launchChromium()
    }, 120_000)
    afterAll(async () => {
      await browser?.close()
      useDatabases(undefined)
      cluster?.stop()
      if (hostFile) rmSync(dirname(hostFile), { recursive: true, force: true })
    })

    test.each(['zh-CN', 'en'] as const)(
      'desk on host A, doctor on host B (its own process), display on A; B killed and restarted (%s)',
      async (language) => {
        const zh = language === 'zh-CN'
        const clinic = await startReceptionClinic()
        const doctorId = clinic.doctorA.id
        const hostB = await startHostProcess(hostFile, clinic.host.databaseUrl!, NOW)
        const unshare = shareHost(hostB.url, clinic.host)
        const pages: Page[] = []
        try {
          // Headless Chromium has no print dialog: the walk-in's ticket "prints" into nothing.
          const desk = await openReception(
            browser,
            clinic.url,
            language,
            async (p) => void (await p.addInitScript(() => void (window.print = () => undefined))),
          )
          const doctor = await browser.newPage({ viewport: { width: 1366, height: 768 } })
          const display = await browser.newPage({ viewport: { width: 1366, height: 768 } })
          pages.push(desk, doctor, display)
          const catchUps = recordCatchUps(doctor)
          await openScreen(doctor, hostB.url, { kind: 'doctor', doctorId }, language)
          await doctor.getByTestId('queue-empty').waitFor(WAIT)
          // A marker a reload would wipe out.
          await doctor.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
          await openScreen(display, clinic.url, { kind: 'display' }, language)
          const room = display.locator(`[data-testid="room-card"][data-doctor-id="${doctorId}"]`)
          await room.waitFor(WAIT)

          // 1. A phone booking for today at the desk on A reaches the doctor on B, with the toast.
          await desk.getByTestId('rx-doctor').selectOption(String(doctorId))
          await bookAtDesk(desk, doctorId, '09:30', 'wf', '王芳')
          const [wang] = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
          expect(wang).toMatchObject({ patientName: '王芳', doctorId, source: 'PHONE' })
          await expect.poll(() => queueRow(doctor, wang!.id).count(), WAIT).toBe(1)
          await expect(queueRow(doctor, wang!.id).textContent()).resolves.toContain('09:30')
          await expect.poll(() => doctor.getByTestId('toast').textContent(), WAIT).toContain('王芳')

          // 2. A walk-in registered on A (checked in at once) is in B's waiting line.
          await desk.keyboard.press('F3')
          await expect(desk.getByTestId('rx-booking').getAttribute('data-mode')).resolves.toBe(
            'walkIn',
          )
          await desk.getByTestId('rx-search').fill('lm')
          await desk.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor(WAIT)
          await desk.getByTestId('rx-search').press('Enter')
          await expect
            .poll(() => desk.getByTestId('rx-patient').textContent(), WAIT)
            .toContain('李明')
          await desk.getByTestId('rx-confirm').click()
          await desk.getByTestId('rx-ticket-dialog').getByTestId('ticket').waitFor(WAIT)
          await desk.keyboard.press('Escape')
          const li = (
            await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
          ).find((a) => a.patientId === clinic.li.id)
          expect(li).toMatchObject({ doctorId, source: 'WALK_IN', status: 'CHECKED_IN' })
          await expect
            .poll(() => queueRow(doctor, li!.id).getAttribute('data-status'), WAIT)
            .toBe('CHECKED_IN')
          await expect
            .poll(() => doctor.getByTestId('count-waiting').locator('dd').textContent(), WAIT)
            .toBe('1')

          // 3. The doctor calls on B: the desk's day list and the display on A show the call.
          await desk.keyboard.press('F4')
          await dayRow(desk, li!.id).waitFor(WAIT)
          // The card names the next in line before the key acts on it (as a doctor would wait).
          await expect
            .poll(() => doctor.getByTestId('current-patient').textContent(), WAIT)
            .toContain('李明')
          await doctor.getByTestId('action-callNext').click()
          await expect
            .poll(
              () => doctor.getByTestId('current-patient').getAttribute('data-appointment-id'),
              WAIT,
            )
            .toBe(String(li!.id))
          await expect
            .poll(() => queueRow(doctor, li!.id).getAttribute('data-status'), WAIT)
            .toBe('CALLED')
          await expect
            .poll(() => dayRow(desk, li!.id).getAttribute('data-status'), WAIT)
            .toBe('CALLED')
          await expect
            .poll(() => room.getByTestId('room-calling').textContent(), WAIT)
            .toContain('李*')
          await expect
            .poll(() => display.getByTestId('call-banner').textContent(), WAIT)
            .toContain('李*')
          expect(await dayRow(desk, wang!.id).getAttribute('data-status')).toBe('CONFIRMED')

          const canvas = await sideBySideCanvas(desk, doctor, zh)
          await docShot(canvas, `cross-host-live-${language}`)
          await canvas.close()

          // 4. Host B dies; A books meanwhile; B starts again: the doctor's screen catches up.
          const zhang = await clinic.host.must(RECEPTION, 'patients.register', {
            name: '张小三',
            sex: 'M',
            birthDate: '1978-09-01',
            phone: '13700001111',
          })
          await hostB.kill()
          await doctor
            .locator('[data-testid="connection"][data-status="reconnecting"]')
            .waitFor(WAIT)
          await desk.getByTestId('rx-tab-book').click()
          await desk.getByTestId('rx-mode-phone').click()
          await bookAtDesk(desk, doctorId, '10:00', 'zxs', '张小三')
          const missed = (
            await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
          ).find((a) => a.patientId === zhang.id)!
          expect(await queueRow(doctor, missed.id).count()).toBe(0)

          await hostB.restart()
          await doctor.locator('[data-testid="connection"][data-status="connected"]').waitFor(WAIT)
          await expect.poll(() => queueRow(doctor, missed.id).count(), WAIT).toBe(1)
          await expect
            .poll(() => doctor.getByTestId('toast').textContent(), WAIT)
            .toContain('张小三')
          expect(
            await doctor.evaluate(() => (window as unknown as { marker?: number }).marker),
          ).toBe(42)
          // It came as the missed events from the shared log, not as a "re-read everything".
          const replayed = catchUps.find((c) => c.events.some((e) => e.includes(String(missed.id))))
          expect(replayed?.complete).toBe(true)
          expect(replayed?.events.some((e) => e.startsWith('appointment.created'))).toBe(true)
          // The state from before the crash is still on screen too.
          await expect(queueRow(doctor, li!.id).getAttribute('data-status')).resolves.toBe('CALLED')
        } finally {
          for (const page of pages) await page.close()
          unshare()
          await hostB.stop()
          await clinic.stop()
        }
      },
      300_000,
    )

    /** The desk on A and the doctor on B in one picture, each captioned with its host. */
    async function sideBySideCanvas(desk: Page, doctor: Page, zh: boolean): Promise<Page> {
      const canvas = await browser.newPage({ viewport: { width: 2768, height: 830 } })
      await sideBySide(canvas, [
        { page: desk, caption: zh ? '主机 A · 挂号台' : 'Host A · reception desk' },
        {
          page: doctor,
          caption: zh ? '主机 B · 医生诊室（另一进程）' : 'Host B · doctor (another process)',
        },
      ])
      return canvas
    }
  },
)
