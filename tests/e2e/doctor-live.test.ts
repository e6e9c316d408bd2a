import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { forEachEngine } from '../helpers/engines'
import { openScreen } from '../helpers/open-screen'
import { RECEPTION } from '../helpers/test-host'
import { book, recordFrames, startClinic, TODAY } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

const row = (page: import('playwright-core').Page, id: number) =>
  page.locator(`[data-testid="queue-row"][data-appointment-id="${id}"]`)

// On SQLite and on PostgreSQL: the screens cannot tell which engine the host stores into.
forEachEngine(() => {
  describe('doctor screen, live', () => {
    test('a booking made at reception appears in the queue with a toast and a chime, without reload', async () => {
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      await page.getByTestId('queue-empty').waitFor()
      const chimesBefore = Number(
        await page.getByTestId('sound-toggle').getAttribute('data-chimes'),
      )

      const booked = await book(clinic.host, clinic.day.slotsA[1]!, '张小三', '咳嗽三天，夜间加重')

      await expect.poll(() => row(page, booked.id).count()).toBe(1)
      await expect(row(page, booked.id).textContent()).resolves.toContain('张小三')
      await expect(row(page, booked.id).textContent()).resolves.toContain('咳嗽三天')
      await expect(row(page, booked.id).textContent()).resolves.toContain('08:30–09:00')
      const toast = page.getByTestId('toast')
      await expect(toast.textContent()).resolves.toContain('您有一个新预约')
      await expect.poll(() => toast.textContent()).toContain('张小三')
      expect(Number(await page.getByTestId('sound-toggle').getAttribute('data-chimes'))).toBe(
        chimesBefore + 1,
      )
      await expect(page.getByTestId('count-notArrived').locator('dd').textContent()).resolves.toBe(
        '1',
      )

      // Check-in and cancel at the desk change the row and the counts live too.
      await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: booked.id })
      await expect.poll(() => row(page, booked.id).getAttribute('data-status')).toBe('CHECKED_IN')
      await expect
        .poll(() => page.getByTestId('count-waiting').locator('dd').textContent())
        .toBe('1')
      await clinic.host.must(RECEPTION, 'appointments.cancel', {
        id: booked.id,
        reason: '患者来电取消',
      })
      await expect.poll(() => row(page, booked.id).getAttribute('data-status')).toBe('CANCELED')
      await expect
        .poll(() => page.getByTestId('count-waiting').locator('dd').textContent())
        .toBe('0')
      await page.close()
    })

    test("another doctor's screen receives nothing about it", async () => {
      const pageB = await browser.newPage()
      const framesB = recordFrames(pageB)
      await openScreen(pageB, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorB.id })
      const pageA = await browser.newPage()
      await openScreen(pageA, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })

      const booked = await book(clinic.host, clinic.day.slotsA[0]!, '欧阳小明')
      await expect.poll(() => row(pageA, booked.id).count()).toBe(1)
      // A's screen has it; give B's socket the same time again to (wrongly) receive anything.
      await pageB.waitForTimeout(300)

      const leaked = framesB.filter(
        (f) =>
          f.includes('欧阳小明') ||
          f.includes('"appointment.created"') ||
          f.includes(`"appointmentId":${booked.id}`),
      )
      expect(leaked).toEqual([])
      expect(framesB.length).toBeGreaterThan(0) // B did talk to the host: the filter above was looking at real traffic
      await expect(pageB.getByTestId('toast').count()).resolves.toBe(0)
      await expect(pageB.getByTestId('queue-row').count()).resolves.toBe(0)
      await pageA.close()
      await pageB.close()
    })

    test('after a dropped connection the screen catches up from its last revision, without reload', async () => {
      const sockets: import('node:stream').Duplex[] = []
      clinic.server.server.on('upgrade', (_req, socket) => sockets.push(socket))
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      await page.getByTestId('queue-empty').waitFor()
      // A marker that a reload would wipe out.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))

      await page.context().setOffline(true)
      for (const s of sockets.splice(0)) s.destroy()
      await page.locator('[data-testid="connection"][data-status="reconnecting"]').waitFor()
      await page.getByTestId('offline-notice').waitFor()

      const missed = await book(clinic.host, clinic.day.slotsA[2]!, '赵四海')
      await page.waitForTimeout(600) // a retry or two fails while offline
      await expect(row(page, missed.id).count()).resolves.toBe(0)

      await page.context().setOffline(false)
      await page
        .locator('[data-testid="connection"][data-status="connected"]')
        .waitFor({ timeout: 10_000 })
      await expect.poll(() => row(page, missed.id).count(), { timeout: 10_000 }).toBe(1)
      await expect(page.getByTestId('offline-notice').count()).resolves.toBe(0)
      await expect.poll(() => page.getByTestId('toast').textContent()).toContain('赵四海')
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)
      await page.close()
    })

    test('other days are read-only; today is the default', async () => {
      await book(clinic.host, clinic.day.slotsA[0]!, '孙悟空')
      const page = await browser.newPage()
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id }, 'en')
      await expect(page.getByTestId('date-input').inputValue()).resolves.toBe(TODAY)
      await page.getByTestId('queue-row').first().waitFor()
      await expect(page.getByTestId('current-card').count()).resolves.toBe(1)

      await expect(page.getByTestId('date-long').textContent()).resolves.toBe('Mon 2 Mar 2026')
      await page.getByRole('button', { name: 'Next day' }).click()
      await page.getByTestId('read-only').waitFor()
      await expect(page.getByTestId('date-long').textContent()).resolves.toBe('Tue 3 Mar 2026')
      await expect(page.getByTestId('current-card').count()).resolves.toBe(0)
      await page.getByTestId('queue-empty').waitFor()
      await page.getByRole('button', { name: 'Back to today' }).click()
      await page.getByTestId('queue-row').first().waitFor()
      await page.close()
    })
  })
})
