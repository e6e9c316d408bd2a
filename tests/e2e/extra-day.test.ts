import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { RECEPTION } from '../helpers/test-host'
import {
  band,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startReceptionClinic({ quota: 2, walkIn: 0 })))
afterEach(async () => clinic?.stop())

const steps = () =>
  clinic.host.must(RECEPTION, 'slots.extraForDay', { doctorId: clinic.doctorA.id, date: TODAY })

describe('加号 to the day', () => {
  test('the desk adds a place to the day: it lands on the last band not over, the grid shows it', async () => {
    const page = await openReception(browser, clinic.url)
    const last = band(page, clinic.doctorA.id, '16:30')
    await expect.poll(() => last.getAttribute('data-state')).toBe('open')
    await page
      .locator(
        `[data-testid="rx-grid"] [data-doctor="${clinic.doctorA.id}"] [data-testid="rx-extra-open"]`,
      )
      .click()
    const dialog = page.getByTestId('rx-extra-dialog')
    await dialog.waitFor()
    // No band is full: the day is the first choice; the sessions are offered too.
    const where = dialog.getByTestId('rx-extra-band')
    expect(await where.inputValue()).toBe('day:ALL')
    expect(await where.locator('option[value^="day:"]').allTextContents()).toEqual([
      '当天（加在最后一个未结束的时段）',
      '上午（加在上午最后一个未结束的时段）',
      '下午（加在下午最后一个未结束的时段）',
    ])
    await dialog.getByTestId('rx-extra-agreed').check()
    await shot(page, 'extra-day-dialog-zh')
    await dialog.getByTestId('rx-extra-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => last.locator('.rx-band-extra').textContent()).toBe('含加号 1')
    expect(await steps()).toMatchObject([{ startTime: '16:30', count: 1 }])
  })

  test('the doctor adds two to the morning, in English: its last band takes them', async () => {
    const doctor = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(doctor, clinic.url, { kind: 'doctor', doctorId: clinic.doctorA.id }, 'en')
    await doctor.getByTestId('doctor-extra-open').click()
    const dialog = doctor.getByTestId('doctor-extra-dialog')
    const where = dialog.getByTestId('doctor-extra-band')
    await expect.poll(() => where.locator('option').count()).toBeGreaterThan(3)
    await where.selectOption('day:AM')
    await dialog.getByTestId('doctor-extra-count').fill('2')
    await docShot(doctor, 'doctor-extra-day-dialog-en')
    await dialog.getByTestId('doctor-extra-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => doctor.getByTestId('doctor-extra-done').textContent())
      .toBe('Added 2 at 11:30')
    expect(await steps()).toMatchObject([{ startTime: '11:30', count: 2 }])
    await doctor.close()
  })
})
