import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  bookAt,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  TOMORROW,
  type ReceptionClinic,
} from './reception-fixtures'
import { pdfPageSizeMm, pdfText } from './reception-pdf'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startReceptionClinic()))
afterEach(async () => clinic?.stop())

const row = (page: Page, id: number) =>
  page.locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"]`)

async function openDayList(page: Page): Promise<void> {
  await page.keyboard.press('F4')
  await page.getByTestId('rx-daylist').waitFor()
}

describe('reception: the day list', () => {
  test('check in (签到), cancel with a reason (退号), live from another desk too', async () => {
    const wang = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
    const li = await bookAt(clinic, clinic.doctorB.id, TODAY, '10:30', clinic.li.id)
    const page = await openReception(browser, clinic.url)
    await openDayList(page)
    await expect.poll(() => page.locator('[data-testid="rx-daylist"] tbody tr').count()).toBe(2)

    await row(page, wang.id).locator('[data-action="checkin"]').click()
    await expect.poll(() => row(page, wang.id).getAttribute('data-status')).toBe('CHECKED_IN')
    expect((await clinic.host.must(RECEPTION, 'appointments.get', { id: wang.id })).status).toBe(
      'CHECKED_IN',
    )

    await row(page, li.id).locator('[data-action="cancel"]').click()
    const dialog = page.getByTestId('rx-cancel-dialog')
    await expect(dialog.getByTestId('rx-cancel-confirm').isDisabled()).resolves.toBe(true) // a reason is required
    await dialog.getByRole('button', { name: '患者要求' }).click()
    await dialog.getByTestId('rx-cancel-confirm').click()
    await expect.poll(() => row(page, li.id).getAttribute('data-status')).toBe('CANCELED')
    expect(await clinic.host.must(RECEPTION, 'appointments.get', { id: li.id })).toMatchObject({
      status: 'CANCELED',
      cancelReason: '患者要求',
    })

    // A booking made at another desk appears without a reload; the status filter narrows the list.
    const other = await bookAt(clinic, clinic.doctorA.id, TODAY, '11:00', clinic.li.id)
    await expect.poll(() => row(page, other.id).count()).toBe(1)
    await shot(page, 'daylist-after-zh')
    await page.locator('[data-filter="waiting"]').click()
    await expect.poll(() => page.locator('[data-testid="rx-daylist"] tbody tr').count()).toBe(1)
    await expect(row(page, wang.id).count()).resolves.toBe(1)
  })

  test('reschedule (改约) into another band: the old booking is canceled, the new one has the patient', async () => {
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
    const page = await openReception(browser, clinic.url)
    await openDayList(page)
    await row(page, booked.id).locator('[data-action="reschedule"]').click()
    const dialog = page.getByTestId('rx-reschedule-dialog')
    await dialog.getByTestId('rx-reschedule-doctor').selectOption(String(clinic.doctorB.id))
    await dialog.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
    await dialog.locator(`[data-testid="rx-reschedule-grid"] button[data-start="09:00"]`).click()
    await dialog.getByTestId('rx-reschedule-confirm').click()
    // The new booking's ticket opens at once, ready to print.
    await page.getByTestId('rx-ticket-dialog').getByTestId('ticket').waitFor()
    await expect.poll(() => row(page, booked.id).getAttribute('data-status')).toBe('CANCELED')

    const tomorrow = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
    expect(tomorrow).toHaveLength(1)
    expect(tomorrow[0]).toMatchObject({
      patientId: clinic.wang.id,
      doctorId: clinic.doctorB.id,
      startTime: '09:00',
      rescheduledFrom: booked.id,
    })
    expect((await clinic.host.must(RECEPTION, 'appointments.get', { id: booked.id })).status).toBe(
      'CANCELED',
    )
  })
})

describe('reception: the ticket (挂号单)', () => {
  test('prints on 80 mm and 58 mm paper: queue number, patient with masked ID, doctor, room, band, wait', async () => {
    await bookAt(clinic, clinic.doctorA.id, TODAY, '09:30', clinic.li.id)
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '09:30', clinic.wang.id)
    const page = await openReception(browser, clinic.url)
    await openDayList(page)
    await row(page, booked.id).locator('[data-action="ticket"]').click()
    await page.getByTestId('rx-ticket-dialog').getByTestId('ticket').waitFor()

    await page.emulateMedia({ media: 'print' })
    // On paper only the print copy shows: the screen behind it is gone.
    await expect(page.locator('.rx').isVisible()).resolves.toBe(false)
    const printed = (await page.getByTestId('ticket-print').innerText()).replace(/\s+/g, ' ')
    for (const text of [
      '康宁诊所',
      '挂号单',
      String(booked.queueNo),
      '王芳',
      '110105********4525',
      '王建国',
      '3诊室',
      '09:30–10:00',
      '前面 1 人',
    ]) {
      expect(printed).toContain(text)
    }
    expect(printed).not.toContain('110105198504124525')

    const pdf80 = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    expect(pdfPageSizeMm(pdf80)).toEqual({ width: 80, height: 120, pages: 1 })
    const text80 = pdfText(pdf80)
    for (const word of ['挂号单', '王芳', '王建国', '3诊室', '09:30'])
      expect(text80).toContain(word)

    await clinic.host.must(ADMIN, 'settings.update', { ticketPaper: '58mm' })
    await expect
      .poll(async () => pdfPageSizeMm(await page.pdf({ preferCSSPageSize: true })).width)
      .toBe(58)
    await page.emulateMedia({ media: 'screen' })
  })
})
