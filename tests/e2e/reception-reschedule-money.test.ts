import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  bookAt,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  // 内科 ¥25.00; doctor B (the senior one here) ¥40.00.
  await clinic.host.must(ADMIN, 'fees.setRule', {
    kind: 'DEPARTMENT',
    target: String(clinic.departmentId),
    amountFen: 2500,
    effectiveFrom: TODAY,
  })
  await clinic.host.must(ADMIN, 'fees.setRule', {
    kind: 'DOCTOR',
    target: String(clinic.doctorB.id),
    amountFen: 4000,
    effectiveFrom: TODAY,
  })
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

const row = (page: Page, id: number) =>
  page.locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"]`)

/** Opens 改约 for a booking on the day list and picks a band; returns the dialog. */
async function pickMove(page: Page, id: number, doctorId: number, day: string, start: string) {
  await row(page, id).locator('[data-action="reschedule"]').click()
  const dialog = page.getByTestId('rx-reschedule-dialog')
  await dialog.getByTestId('rx-reschedule-doctor').selectOption(String(doctorId))
  await dialog.locator(`.rx-calendar button[data-day="${day}"]`).click()
  await dialog.locator(`[data-testid="rx-reschedule-grid"] button[data-start="${start}"]`).click()
  return dialog
}

/** The dialogs open on the desk: after a 改约 there is never more than one. */
const openDialogs = (page: Page) => page.locator('dialog[open]').count()

describe('改约 of a paid booking when the fee differs', () => {
  test('dearer: the dialog says the difference, the pay panel takes it, then the new ticket with its receipt; cheaper: the slip of what goes back, then the ticket; one dialog at a time', async () => {
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
    await clinic.host.must(RECEPTION, 'payments.pay', {
      appointmentId: booked.id,
      method: 'CASH',
      expectedFen: 2500,
      tenderedFen: 2500,
    })
    const page = await openReception(browser, clinic.url)
    await page.evaluate(() => (window.print = () => undefined))
    await page.keyboard.press('F4')
    await page.getByTestId('rx-daylist').waitFor()
    await row(page, booked.id).waitFor()

    const dialog = await pickMove(page, booked.id, clinic.doctorB.id, TODAY, '11:00')
    const note = dialog.getByTestId('rx-reschedule-money')
    await expect.poll(() => note.textContent()).toContain('补缴差价 ¥15.00')
    await shot(page, 'reschedule-dearer-zh-CN')
    await dialog.getByTestId('rx-reschedule-confirm').click()
    const pay = page.getByTestId('rx-pay-dialog')
    await expect.poll(() => pay.getByTestId('pay-due').textContent()).toBe('¥15.00')
    expect(await openDialogs(page)).toBe(1)
    await pay.locator('[data-method="WECHAT"]').click()
    await pay.getByTestId('pay-confirm').click()
    // The new ticket, with the receipt of the difference on the same paper.
    const ticket = page.getByTestId('rx-ticket-dialog')
    await ticket.getByTestId('receipt').waitFor()
    expect(await openDialogs(page)).toBe(1)

    const day = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
    const moved = day.find((a) => a.rescheduledFrom === booked.id)!
    const money = await clinic.host.must(RECEPTION, 'payments.forAppointment', {
      appointmentId: moved.id,
    })
    expect(money).toMatchObject({ heldFen: 4000, balanceFen: 0 })
    expect(money.payment).toMatchObject({ amountFen: 1500, method: 'WECHAT', carriedFen: 2500 })
    await page.keyboard.press('Escape')
    await expect.poll(() => openDialogs(page)).toBe(0)

    // Back to doctor A: ¥15.00 goes back by WeChat (the standing receipt's method), with its slip.
    await row(page, moved.id).waitFor()
    const back = await pickMove(page, moved.id, clinic.doctorA.id, TODAY, '11:30')
    await expect
      .poll(() => back.getByTestId('rx-reschedule-money').textContent())
      .toContain('退回差价 ¥15.00')
    await back.getByTestId('rx-reschedule-confirm').click()
    const slip = page.getByTestId('rx-slip-dialog')
    await expect.poll(() => slip.textContent()).toContain('¥15.00')
    expect(await openDialogs(page)).toBe(1)
    await shot(page, 'reschedule-cheaper-slip-zh-CN')
    const after = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
    const last = after.find((a) => a.rescheduledFrom === moved.id)!
    const refunded = await clinic.host.must(RECEPTION, 'payments.forAppointment', {
      appointmentId: last.id,
    })
    expect(refunded.refunds).toMatchObject([{ amountFen: 1500, method: 'WECHAT' }])
    expect(refunded).toMatchObject({ heldFen: 2500, balanceFen: 0 })
    // The slip closed, the moved booking's ticket comes up.
    await page.getByTestId('rx-slip-close').click()
    await ticket.getByTestId('rx-ticket-close').waitFor()
    expect(await openDialogs(page)).toBe(1)
    await page.close()
  })

  test('the English desk says the difference in its own words', async () => {
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '09:00', clinic.li.id)
    await clinic.host.must(RECEPTION, 'payments.pay', {
      appointmentId: booked.id,
      method: 'CASH',
      expectedFen: 2500,
      tenderedFen: 2500,
    })
    const page = await openReception(browser, clinic.url, 'en')
    await page.keyboard.press('F4')
    await page.getByTestId('rx-daylist').waitFor()
    await row(page, booked.id).waitFor()
    const dialog = await pickMove(page, booked.id, clinic.doctorB.id, TODAY, '09:30')
    await expect
      .poll(() => dialog.getByTestId('rx-reschedule-money').textContent())
      .toContain('¥15.00')
    expect(await dialog.getByTestId('rx-reschedule-money').textContent()).not.toMatch(
      /[\u4e00-\u9fff]/,
    )
    await shot(page, 'reschedule-dearer-en')
    await page.close()
  })
})
