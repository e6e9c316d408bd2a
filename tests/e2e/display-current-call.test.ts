import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { doctorCaller, RECEPTION } from '../helpers/test-host'
import { book, startClinic, TODAY } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

/** Well under the banner's 10 s: what happens within it is the room's new state, not a timeout. */
const SOON = { timeout: 3000 }

async function checkedIn(slotId: number, name: string) {
  const a = await book(clinic.host, slotId, name)
  await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
  return a
}

function doctor(doctorId: number) {
  const caller = doctorCaller(doctorId)
  return {
    callNext: () => clinic.host.must(caller, 'queue.callNext', { doctorId }),
    finish: async (id: number) => {
      await clinic.host.must(caller, 'queue.start', { id })
      await clinic.host.must(caller, 'queue.complete', { id })
    },
  }
}

async function openDisplay(page: Page, language: 'zh-CN' | 'en' = 'zh-CN') {
  await openScreen(page, clinic.url, { kind: 'display' }, language)
  await page.getByTestId('room-card').first().waitFor()
}

describe('the waiting-room banner shows each room’s current call', () => {
  test('a finished patient leaves the banner at once; a newer call of the room replaces the old', async () => {
    const { doctorA, doctorB, slotsA, slotsB } = clinic.day
    const a1 = await checkedIn(slotsA[0]!, '张小三')
    const a2 = await checkedIn(slotsA[0]!, '欧阳小明')
    await checkedIn(slotsA[1]!, '李大四')
    await checkedIn(slotsB[0]!, '赵六六')
    const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await openDisplay(display)
    const banner = display.getByTestId('call-banner')
    const A = doctor(doctorA.id)
    const B = doctor(doctorB.id)

    await A.callNext()
    await expect.poll(() => banner.textContent(), SOON).toBe('请 1 号 张*三 到 3诊室 就诊')
    await B.callNext() // another room: waits for its turn behind room A's call
    await display.waitForTimeout(800)
    await expect(banner.textContent()).resolves.toContain('3诊室')

    // Patient 1 is seen and done: room A's call is obsolete and goes now, not after its 10 s.
    await A.finish(a1.id)
    await expect.poll(() => banner.textContent(), SOON).toBe('请 1 号 赵*六 到 5诊室 就诊')

    // Room A calls patient 2 (waits behind B); B's patient is done, so A's call shows at once.
    await A.callNext()
    const b1 = (await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })).find(
      (x) => x.doctorId === doctorB.id,
    )!
    await B.finish(b1.id)
    await expect.poll(() => banner.textContent(), SOON).toBe('请 2 号 欧**明 到 3诊室 就诊')

    // Room A moves on while its call is on the banner: the newer call replaces it, not queued behind.
    await A.finish(a2.id)
    await A.callNext()
    await expect.poll(() => banner.textContent(), SOON).toBe('请 3 号 李*四 到 3诊室 就诊')
    await display.close()
  })
})

describe('the display’s own settings, kept on this PC', () => {
  test('language and rooms chosen on the display; calls of rooms it does not show are not announced', async () => {
    const { doctorA, doctorB, slotsB } = clinic.day
    await checkedIn(slotsB[0]!, '赵六六')
    // One browser profile: what this display PC keeps in its localStorage.
    const pc = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const display = await pc.newPage()
    await openDisplay(display)
    await display.getByTestId('display-settings').click()
    const panel = display.getByTestId('display-settings-panel')
    await panel.waitFor()
    await expect(panel.getByTestId('display-room-choice').count()).resolves.toBe(2)
    await panel
      .locator(`[data-testid="display-room-choice"][data-doctor-id="${doctorB.id}"]`)
      .uncheck()
    await docShot(display, 'display-settings-zh-CN')
    await expect
      .poll(() =>
        display
          .locator('[data-testid="room-card"]')
          .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-doctor-id'))),
      )
      .toEqual([String(doctorA.id)])

    await doctor(doctorB.id).callNext()
    await display.waitForTimeout(1500)
    await expect(display.getByTestId('call-banner').count()).resolves.toBe(0)

    await panel.getByTestId('language').selectOption('en')
    await expect.poll(() => display.locator('h1').textContent()).toBe('Waiting room — calls')
    await docShot(display, 'display-settings-en')
    await panel.getByTestId('display-settings-done').click()

    // A fresh page on this PC (same browser profile) keeps both choices.
    const again = await pc.newPage()
    await again.goto(`${clinic.url}/display.html`)
    await again.getByTestId('room-card').first().waitFor()
    await expect(again.locator('h1').textContent()).resolves.toBe('Waiting room — calls')
    await expect(again.getByTestId('room-card').count()).resolves.toBe(1)
    await pc.close()
  })
})
