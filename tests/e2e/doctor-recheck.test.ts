import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { UNDO_WINDOW_MS } from '../../src/shared/visit'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { book, rowOrder, startClinic } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

/** Books and checks in patients, in this order, into doctor A's first bands. */
async function waitingLine(names: readonly string[]) {
  const out = []
  for (const [i, name] of names.entries()) {
    const a = await book(clinic.host, clinic.day.slotsA[Math.floor(i / 4)]!, name)
    await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
    out.push(a)
  }
  return out
}

async function doctorPage(language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error('[doctor page]', e.message))
  await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id }, language)
  return page
}

const queueRow = (page: Page, id: number) =>
  page.locator(`[data-testid="queue-row"][data-appointment-id="${id}"]`)
const deskRow = (page: Page, id: number) =>
  page.locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"]`)
const status = async (id: number) =>
  (await clinic.host.must(ADMIN, 'appointments.get', { id })).status

describe('undo after 过号 / 未到', () => {
  test('the toast names the patient, its button and key 0 restore them, and the host refuses once the time is up', async () => {
    await clinic.host.must(ADMIN, 'settings.update', { skipBackPlaces: 2, skipLimit: 3 })
    const [p1, p2, p3] = (await waitingLine(['张小三', '李大四', '王五'])).map((a) => a.id)
    const page = await doctorPage()
    await expect.poll(() => rowOrder(page)).toEqual([p1, p2, p3])

    await page.keyboard.press('1')
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('CALLED')
    await page.keyboard.press('5') // 过号
    const toast = page.getByTestId('undo-toast')
    await expect.poll(() => toast.textContent()).toContain('已过号 1 号 张小三')
    await expect.poll(() => toast.textContent()).toMatch(/撤销\(\d 秒\)/)
    await docShot(page, 'doctor-undo-toast-zh-CN')
    await expect.poll(() => rowOrder(page)).toEqual([p2, p3, p1])

    await toast.getByTestId('undo-button').click()
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('CALLED')
    await expect.poll(() => rowOrder(page)).toEqual([p1, p2, p3])
    await expect.poll(() => toast.textContent()).toContain('已撤销')
    expect(await status(p1!)).toBe('CALLED')

    // 未到 by key 6, taken back by key 0.
    await page.keyboard.press('6')
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('NO_SHOW')
    await expect.poll(() => toast.textContent()).toContain('已记为未到 1 号 张小三')
    await page.keyboard.press('0')
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('CALLED')

    // The host keeps the time, not the toast: with its clock past the window, undo is refused.
    await page.keyboard.press('5')
    await expect.poll(() => toast.textContent()).toContain('已过号')
    clinic.clock.advance(UNDO_WINDOW_MS + 1000)
    await page.keyboard.press('0')
    await expect.poll(() => toast.textContent()).toContain('已无法撤销')
    expect(await status(p1!)).toBe('SKIPPED')
    await page.close()
  })

  test('English toast', async () => {
    const [p1] = (await waitingLine(['陈晓东', '林美华'])).map((a) => a.id)
    const page = await doctorPage('en')
    await expect.poll(() => rowOrder(page)).toHaveLength(2)
    await page.keyboard.press('1')
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('CALLED')
    await page.keyboard.press('5')
    await expect
      .poll(() => page.getByTestId('undo-toast').textContent())
      .toContain('Skipped No. 1 陈晓东')
    await docShot(page, 'doctor-undo-toast-en')
    await page.close()
  })
})

describe('重新签到 (check in again)', () => {
  test('from the doctor screen: a no-show goes back after the first N waiting, with the reason audited', async () => {
    const line = await waitingLine(['甲一一', '乙二二', '丙三三', '丁四四'])
    const [p1, p2, p3, p4] = line.map((a) => a.id)
    const doctor = { role: 'doctor' as const, doctorId: clinic.day.doctorA.id, label: 'seed' }
    await clinic.host.must(doctor, 'queue.callNext', { doctorId: clinic.day.doctorA.id })
    await clinic.host.must(doctor, 'queue.noShow', { id: p1! })
    const page = await doctorPage()
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('NO_SHOW')

    await queueRow(page, p1!).locator('[data-action="recheck"]').click()
    const dialog = page.getByTestId('recheck-dialog')
    await expect(dialog.textContent()).resolves.toContain('已记为未到')
    await expect(dialog.getByTestId('recheck-confirm').isDisabled()).resolves.toBe(true) // a reason is required
    await dialog.getByTestId('recheck-places').fill('1')
    await dialog.getByRole('button', { name: '迟到' }).click()
    await docShot(page, 'doctor-recheck-dialog-zh-CN')
    await dialog.getByTestId('recheck-confirm').click()
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => queueRow(page, p1!).getAttribute('data-status')).toBe('CHECKED_IN')
    // After the first one waiting: second in line.
    await expect.poll(() => rowOrder(page)).toEqual([p2, p1, p3, p4])
    const audit = await clinic.host.must(ADMIN, 'audit.list', {
      entity: 'appointment',
      entityId: p1!,
      action: 'queue.recheckIn',
    })
    expect(JSON.stringify(audit)).toContain('迟到')
    await page.close()
  })

  test('from reception: a skipped patient goes to the end of the line, and the doctor sees it live', async () => {
    await clinic.host.must(ADMIN, 'settings.update', { skipBackPlaces: 1 })
    const line = await waitingLine(['甲一一', '乙二二', '丙三三', '丁四四'])
    const [p1, p2, p3, p4] = line.map((a) => a.id)
    const doctor = { role: 'doctor' as const, doctorId: clinic.day.doctorA.id, label: 'seed' }
    await clinic.host.must(doctor, 'queue.callNext', { doctorId: clinic.day.doctorA.id })
    await clinic.host.must(doctor, 'queue.skip', { id: p1! })
    const doctorScreen = await doctorPage()
    await expect.poll(() => rowOrder(doctorScreen)).toEqual([p2, p1, p3, p4])

    // English first, only to look at; then the desk in Chinese checks the patient in again.
    for (const language of ['en', 'zh-CN'] as const) {
      const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await openScreen(desk, clinic.url, { kind: 'reception' }, language)
      await desk.keyboard.press('F4')
      await desk.getByTestId('rx-daylist').waitFor()
      await deskRow(desk, p1!).locator('[data-action="recheck"]').click()
      const dialog = desk.getByTestId('recheck-dialog')
      await dialog
        .getByTestId('recheck-reason')
        .fill(language === 'en' ? 'Arrived late' : '去缴费了')
      await docShot(desk, `reception-recheck-dialog-${language}`)
      if (language === 'en') {
        await desk.close()
        continue
      }
      await dialog.getByTestId('recheck-confirm').click()
      await expect.poll(() => deskRow(desk, p1!).getAttribute('data-status')).toBe('CHECKED_IN')
      await desk.close()
    }
    await expect
      .poll(() => queueRow(doctorScreen, p1!).getAttribute('data-status'))
      .toBe('CHECKED_IN')
    await expect.poll(() => rowOrder(doctorScreen)).toEqual([p2, p3, p4, p1])
    await doctorScreen.close()
  })
})
