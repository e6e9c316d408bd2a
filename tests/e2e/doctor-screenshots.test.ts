import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { docShot } from '../helpers/doc-screenshots'
import { book, busyMorning, startClinic } from './doctor-fixtures'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe.each(['zh-CN', 'en'] as const)('doctor screen screenshots (%s)', (lang) => {
  test('called, in the room with a new booking, another day, reconnecting', async () => {
    const clinic = await startClinic()
    try {
      await busyMorning(clinic)
      const sockets: import('node:stream').Duplex[] = []
      clinic.server.server.on('upgrade', (_req, socket) => sockets.push(socket))
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id }, lang)
      await page.getByTestId('queue-row').first().waitFor()
      const shot = (name: string) => docShot(page, `doctor-${name}-${lang}`)

      await page.keyboard.press('1')
      await expect
        .poll(() => page.getByTestId('current-card').getAttribute('class'))
        .toContain('current-CALLED')
      await shot('called')

      await page.keyboard.press('3')
      await expect
        .poll(() => page.getByTestId('current-card').getAttribute('class'))
        .toContain('current-IN_PROGRESS')
      await book(clinic.host, clinic.day.slotsA[3]!, '杨帆', '右膝关节疼痛，上下楼加重')
      await expect.poll(() => page.getByTestId('toast').textContent()).toContain('杨帆')
      await shot('in-visit-new-booking')

      await page.getByTestId('date-input').fill('2026-03-03')
      await page.getByTestId('read-only').waitFor()
      await shot('other-day-read-only')
      await page.getByTestId('date-input').fill('2026-03-02')
      await page.getByTestId('current-card').waitFor()

      await page.context().setOffline(true)
      // A socket that upgraded after setOffline took effect would keep the page connected: cut
      // every socket until the page says it is reconnecting (a busy CI machine hit that race).
      const reconnecting = page.locator('[data-testid="connection"][data-status="reconnecting"]')
      await expect
        .poll(
          async () => {
            for (const s of sockets.splice(0)) s.destroy()
            return reconnecting.isVisible()
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true)
      await shot('reconnecting')
      await page.context().setOffline(false)
      await page.close()
    } finally {
      await clinic.stop()
    }
  })
})
