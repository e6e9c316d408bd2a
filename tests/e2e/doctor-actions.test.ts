import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { forEachEngine } from '../helpers/engines'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { book, rowOrder, startClinic } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

/** Books and checks in patients, in this order, into doctor A's first band. */
async function waitingLine(names: readonly string[]) {
  const out = []
  for (const [i, name] of names.entries()) {
    const a = await book(clinic.host, clinic.day.slotsA[Math.floor(i / 4)]!, name)
    await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
    out.push(a)
  }
  return out
}

const currentStatus = (page: Page) =>
  page.locator('[data-testid="queue-row"].row-current').getAttribute('data-status')

// On SQLite and on PostgreSQL: the screens cannot tell which engine the host stores into.
forEachEngine(() => {
  describe('doctor screen, calling patients', () => {
    test('call, start and complete from the buttons and the keys shown on them', async () => {
      const [first, second] = await waitingLine(['张小三', '李大四'])
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      await expect
        .poll(() => page.getByTestId('current-patient').textContent())
        .toContain('1 号 张小三')

      await page.getByTestId('action-callNext').click()
      await expect
        .poll(() => page.getByTestId('current-patient').getAttribute('data-appointment-id'))
        .toBe(String(first!.id))
      await expect.poll(() => currentStatus(page)).toBe('CALLED')
      await expect(page.getByTestId('action-callNext').isDisabled()).resolves.toBe(true)

      await page.keyboard.press('3') // start visit
      await expect.poll(() => currentStatus(page)).toBe('IN_PROGRESS')
      // The room is busy: calling the next waits until this visit is finished.
      await expect(page.getByTestId('action-callNext').isDisabled()).resolves.toBe(true)
      await page.keyboard.press('1')
      await expect(
        page.getByTestId('current-patient').getAttribute('data-appointment-id'),
      ).resolves.toBe(String(first!.id))
      await page.keyboard.press('4') // complete
      await expect.poll(() => page.getByTestId('count-seen').locator('dd').textContent()).toBe('1')
      await page.keyboard.press('Numpad1') // call next from the keypad
      await expect
        .poll(() => page.getByTestId('current-patient').getAttribute('data-appointment-id'))
        .toBe(String(second!.id))
      await page.keyboard.press('6') // the called patient never came
      await expect
        .poll(() => page.getByTestId('count-noShow').locator('dd').textContent())
        .toBe('1')
      await page.close()
    })

    test('skip (过号) moves the called patient back by the configured number of places', async () => {
      await clinic.host.must(ADMIN, 'settings.update', { skipBackPlaces: 2, skipLimit: 3 })
      const line = await waitingLine(['甲一一', '乙二二', '丙三三', '丁四四', '戊五五'])
      const [p1, p2, p3, p4, p5] = line.map((a) => a.id)
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      await expect.poll(() => rowOrder(page)).toEqual([p1, p2, p3, p4, p5])

      await page.keyboard.press('1')
      await expect.poll(() => currentStatus(page)).toBe('CALLED')
      await page.keyboard.press('5') // 过号
      // p1 goes back two places: behind p2 and p3.
      await expect.poll(() => rowOrder(page)).toEqual([p2, p3, p1, p4, p5])
      const skipped = page.locator(`[data-testid="queue-row"][data-appointment-id="${p1}"]`)
      await expect(skipped.getAttribute('data-status')).resolves.toBe('SKIPPED')
      await expect(skipped.textContent()).resolves.toContain('第 3 位')
      await page.close()
    })

    test('a change made elsewhere updates the card and disables the actions it made stale', async () => {
      const [only] = await waitingLine(['周小五'])
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      // The key acts on the queue on screen: wait for it, as a doctor would (pressed earlier, it rightly does nothing).
      await expect.poll(() => page.getByTestId('current-patient').textContent()).toContain('周小五')
      await page.keyboard.press('1')
      await expect.poll(() => currentStatus(page)).toBe('CALLED')
      // Reception marks the called patient a no-show behind the doctor's back: the screen's "start" is now stale.
      await clinic.host.must(RECEPTION, 'queue.noShow', { id: only!.id })
      await expect
        .poll(() => page.getByTestId('current-card').getAttribute('class'))
        .not.toContain('current-CALLED')
      await expect(page.getByTestId('action-start').isDisabled()).resolves.toBe(true)
      await page.close()
    })
  })
})
