import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { forEachEngine } from '../helpers/engines'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'
import { book, recordFrames, startClinic } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

// On SQLite and on PostgreSQL: the screens cannot tell which engine the host stores into.
forEachEngine(() => {
  describe('waiting-room display', () => {
    test('the doctor calls → the display shows and speaks it, and its socket never carries a full name', async () => {
      const names = ['张小三', '欧阳小明', '李大四']
      const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      const frames = recordFrames(display)
      await openScreen(display, clinic.url, { kind: 'display' })
      await display.getByTestId('room-card').first().waitFor()

      // Booked and checked in while the display is open: its socket sees the whole flow.
      for (const name of names) {
        const a = await book(clinic.host, clinic.day.slotsA[0]!, name, '头痛发热')
        await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
      }
      const roomA = display.locator(
        `[data-testid="room-card"][data-doctor-id="${clinic.day.doctorA.id}"]`,
      )
      await expect.poll(() => roomA.getByTestId('room-next').textContent()).toContain('欧**明')

      const doctor = await browser.newPage()
      await openScreen(doctor, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id })
      await doctor.getByTestId('action-callNext').click()

      const banner = display.getByTestId('call-banner')
      await expect.poll(() => banner.textContent()).toBe('请 1 号 张*三 到 3诊室 就诊')
      await expect(banner.getAttribute('data-spoken')).resolves.toBe(
        '请 1 号，张某三，到 3诊室 就诊',
      )
      await expect.poll(() => roomA.getByTestId('room-calling').textContent()).toContain('张*三')
      await expect.poll(() => roomA.getByTestId('room-next').textContent()).not.toContain('张*三')
      expect(
        Number(await display.getByTestId('sound-toggle').getAttribute('data-chimes')),
      ).toBeGreaterThanOrEqual(1)

      // Re-call: the display repeats the call.
      await doctor.getByTestId('action-recall').click()
      await expect.poll(() => frames.filter((f) => f.includes('"display.call"')).length).toBe(2)

      const everything = frames.join('\n')
      expect(everything).toContain('张*三') // the check below looks at the real traffic
      for (const name of names) expect(everything).not.toContain(name)
      expect(everything).not.toContain('头痛发热')
      expect(everything).not.toMatch(/"patient(Name|Phone|Id)"/)
      await doctor.close()
      await display.close()
    })

    test('after a dropped connection the board catches up, and calls made meanwhile are not announced late', async () => {
      const a = await book(clinic.host, clinic.day.slotsA[0]!, '钱多多')
      await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
      const sockets: import('node:stream').Duplex[] = []
      clinic.server.server.on('upgrade', (_req, socket) => sockets.push(socket))
      const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await openScreen(display, clinic.url, { kind: 'display' })
      const roomA = display.locator(
        `[data-testid="room-card"][data-doctor-id="${clinic.day.doctorA.id}"]`,
      )
      await expect.poll(() => roomA.getByTestId('room-next').textContent()).toContain('钱*多')

      await display.context().setOffline(true)
      for (const s of sockets.splice(0)) s.destroy()
      await display.locator('[data-testid="connection"][data-status="reconnecting"]').waitFor()
      await clinic.host.must(doctorCaller(clinic.day.doctorA.id), 'queue.callNext', {
        doctorId: clinic.day.doctorA.id,
      })
      await display.context().setOffline(false)

      await expect
        .poll(() => roomA.getByTestId('room-calling').textContent(), { timeout: 15_000 })
        .toContain('钱*多')
      await display.waitForTimeout(500)
      await expect(display.getByTestId('call-banner').count()).resolves.toBe(0)
      await display.close()
    })
  })

  describe('a room renamed in the admin screen', () => {
    test('appears on the waiting-room display at once, without a reload', async () => {
      const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await openScreen(display, clinic.url, { kind: 'display' })
      const card = display.locator(
        `[data-testid="room-card"][data-doctor-id="${clinic.day.doctorA.id}"]`,
      )
      await expect.poll(() => card.textContent()).toContain('3诊室')

      const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await openScreen(admin, clinic.url, { kind: 'admin' })
      const room = (await clinic.host.must(ADMIN, 'directory.get', {})).rooms.find(
        (r) => r.name === '3诊室',
      )!
      const row = admin.locator(`[data-testid="room-row"][data-id="${room.id}"]`)
      await row.getByRole('button', { name: '编辑' }).click()
      await row.locator('input[name="editName"]').fill('内科3诊室')
      await docShot(admin, 'admin-room-rename-zh-CN')
      await row.getByRole('button', { name: '保存' }).click()

      await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('内科3诊室')
      await expect.poll(() => admin.getByTestId('room-list').textContent()).toContain('内科3诊室')
      await admin.close()
      await display.close()
    })
  })
})
