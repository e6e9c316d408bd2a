import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { eventually } from './admin-fixtures'
import { pdfPageSizeMm, pdfText } from './reception-pdf'
import {
  bookAt,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'

// One clinic for the whole file, in order: a cashier's shift is the sum of what came before it.
let browser: Browser
let clinic: ReceptionClinic
let page: Page

/** Headless Chromium has no print dialog: count the print requests instead. */
async function countPrints(p: Page): Promise<void> {
  await p.evaluate(() => {
    ;(window as unknown as { printed: number }).printed = 0
    window.print = () => void (window as unknown as { printed: number }).printed++
  })
}
const printed = (p: Page) => p.evaluate(() => (window as unknown as { printed: number }).printed)

async function walkIn(p: Page, search: string): Promise<void> {
  await p.keyboard.press('F3')
  await p.keyboard.type(search)
  await p.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
  await p.keyboard.press('Enter')
  await p.keyboard.press('Enter')
  await p.getByTestId('rx-pay-dialog').waitFor()
  await eventually(() => p.getByTestId('pay-due').textContent()).toBe('¥25.00')
}

const row = (p: Page, appointmentId: number) =>
  p.locator(`[data-testid="rx-daylist"] tr[data-appointment="${appointmentId}"]`)

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  // 内科's registration fee: ¥25.00 for every doctor of the department.
  await clinic.host.must(ADMIN, 'fees.setRule', {
    kind: 'DEPARTMENT',
    target: String(clinic.departmentId),
    amountFen: 2500,
    effectiveFrom: TODAY,
  })
  page = await openReception(browser, clinic.url)
  await countPrints(page)
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('the cashier at the desk', () => {
  test('a walk-in pays cash: the due and the change are shown, the ticket prints with its receipt; a reprint says 副本', async () => {
    await walkIn(page, 'lm')
    const dialog = page.getByTestId('rx-pay-dialog')
    // A short amount is refused before anything is sent; the change follows the figure typed.
    await page.getByTestId('pay-tendered').fill('20')
    await eventually(() => page.getByTestId('pay-change').textContent()).toContain('还差 ¥5.00')
    await expect(page.getByTestId('pay-confirm').isDisabled()).resolves.toBe(true)
    await page.getByTestId('pay-tendered').fill('100')
    await eventually(() => page.getByTestId('pay-change').textContent()).toContain('¥75.00')
    await expect(dialog.textContent()).resolves.toContain('现金')
    await shot(page, 'pay-cash-zh-CN')
    await page.getByTestId('pay-tendered').press('Enter')

    const ticketDialog = page.getByTestId('rx-ticket-dialog')
    await ticketDialog.getByTestId('receipt').waitFor()
    await eventually(() => printed(page)).toBe(1)
    const receipt = ticketDialog.getByTestId('receipt')
    await expect(receipt.getByTestId('receipt-amount').textContent()).resolves.toBe('¥25.00')
    await expect(receipt.getByTestId('receipt-change').textContent()).resolves.toBe('¥75.00')
    await expect(receipt.getByTestId('receipt-copy').count()).resolves.toBe(0)
    await shot(page, 'receipt-with-ticket-zh-CN')
    const receiptNo = await receipt.getByTestId('receipt-no').textContent()

    const [a] = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
    const money = await clinic.host.must(RECEPTION, 'payments.forAppointment', {
      appointmentId: a!.id,
    })
    expect(money.payment).toMatchObject({ method: 'CASH', amountFen: 2500, tenderedFen: 10000 })
    expect(money.heldFen).toBe(2500)

    await page.keyboard.press('Escape')
    await page.keyboard.press('F4')
    await eventually(() =>
      row(page, a!.id).locator('[data-money]').getAttribute('data-money'),
    ).toBe('paid')
    await row(page, a!.id).locator('[data-action="receipt"]').click()
    const slip = page.getByTestId('rx-slip-dialog')
    await expect(slip.getByTestId('receipt-copy').textContent()).resolves.toBe('副本')
    // The same receipt number as the original: a copy, never a new receipt.
    await expect(slip.getByTestId('receipt-no').textContent()).resolves.toBe(receiptNo)
    await page.keyboard.press('Escape')
    await expect(slip.count()).resolves.toBe(0)
  })

  test('a phone booking arrives: 签到 takes the fee first (WeChat, key 2); its 退号 refunds it by WeChat and prints the slip', async () => {
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
    await eventually(() => row(page, booked.id).count()).toBe(1)
    await eventually(() =>
      row(page, booked.id).locator('[data-money]').getAttribute('data-money'),
    ).toBe('unpaid')
    await expect(row(page, booked.id).textContent()).resolves.toContain('待支付')

    await row(page, booked.id).locator('[data-action="checkin"]').click()
    await page.getByTestId('rx-pay-dialog').waitFor()
    await eventually(() => page.getByTestId('pay-due').textContent()).toBe('¥25.00')
    await page.getByTestId('rx-pay-dialog').locator('[data-method="WECHAT"]').focus()
    await page.keyboard.press('2')
    await expect(
      page
        .getByTestId('rx-pay-dialog')
        .locator('[data-method="WECHAT"]')
        .getAttribute('aria-checked'),
    ).resolves.toBe('true')
    await page.getByTestId('pay-confirm').click()
    await page.getByTestId('rx-slip-dialog').getByTestId('receipt').waitFor()
    await page.getByTestId('rx-slip-close').click()
    await eventually(() => row(page, booked.id).getAttribute('data-status')).toBe('CHECKED_IN')
    await eventually(() =>
      row(page, booked.id).locator('[data-money]').getAttribute('data-money'),
    ).toBe('paid')

    await row(page, booked.id).locator('[data-action="cancel"]').click()
    const cancel = page.getByTestId('rx-cancel-dialog')
    await eventually(() => cancel.getByTestId('rx-refund-due').textContent()).toBe(
      '应退 ¥25.00，原路退回（微信）',
    )
    await cancel.getByTestId('rx-cancel-reason').fill('患者有事')
    await shot(page, 'refund-zh-CN')
    await cancel.getByTestId('rx-cancel-confirm').click()
    const slip = page.getByTestId('rx-slip-dialog').getByTestId('refund-slip')
    await slip.waitFor()
    await expect(slip.getByTestId('refund-amount').textContent()).resolves.toBe('−¥25.00')
    await expect(slip.getByTestId('refund-method').textContent()).resolves.toBe('微信')
    await shot(page, 'refund-slip-zh-CN')
    const money = await clinic.host.must(RECEPTION, 'payments.forAppointment', {
      appointmentId: booked.id,
    })
    expect(money.heldFen).toBe(0)
    expect(money.refunds.map((r) => [r.amountFen, r.method])).toEqual([[2500, 'WECHAT']])
    await page.getByTestId('rx-slip-close').click()
  })

  test('日结: totals by method, the counted cash against the drawer, close (confirmed, final), print on A4', async () => {
    await page.keyboard.press('F8')
    const sheet = page.getByTestId('rx-shift').getByTestId('shift-sheet')
    await sheet.waitFor()
    const method = (m: string) =>
      sheet.locator(`[data-testid="shift-by-method"] tr[data-method="${m}"]`)
    // Cash ¥25.00 kept; WeChat ¥25.00 taken and given back: the shift holds ¥25.00.
    await eventually(() => method('CASH').textContent()).toContain('¥25.00')
    await expect(method('WECHAT').textContent()).resolves.toContain('−¥25.00')
    await expect(sheet.getByTestId('shift-total').textContent()).resolves.toBe('¥25.00')
    await expect(sheet.getByTestId('shift-expected').textContent()).resolves.toBe('¥25.00')
    await expect(
      sheet.getByTestId('shift-lines').locator('tr[data-receipt]').count(),
    ).resolves.toBe(2)
    await expect(sheet.getByTestId('shift-lines').locator('tr[data-refund]').count()).resolves.toBe(
      1,
    )

    await page.getByTestId('shift-counted').fill('20')
    await eventually(() => page.getByTestId('shift-live-difference').textContent()).toContain(
      '短款 ¥5.00',
    )
    await shot(page, 'shift-zh-CN')

    // Printed on A4: the sheet alone, with the signature lines.
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    expect(pdfPageSizeMm(pdf)).toMatchObject({ width: 210, height: 297 })
    expect(pdfText(pdf)).toContain('收费日结单')

    await page.getByTestId('shift-close').click()
    await page.getByTestId('shift-confirm').waitFor()
    const open = (await clinic.host.must(ADMIN, 'money.month', { month: TODAY.slice(0, 7) })).shifts
    expect(open.every((s) => s.closedAt === null)).toBe(true)
    await page.getByTestId('shift-confirm-close').click()
    await sheet.getByTestId('shift-closed').waitFor()
    await expect(sheet.getByTestId('shift-difference').textContent()).resolves.toBe('短款 ¥5.00')
    const [closed] = (await clinic.host.must(ADMIN, 'money.month', { month: TODAY.slice(0, 7) }))
      .shifts
    expect(closed).toMatchObject({ countedCashFen: 2000, totalFen: 2500, expectedCashFen: 2500 })
    // Closed is final: the panel offers a new shift, and the host refuses a second close.
    await page.getByTestId('shift-open').waitFor()
    const again = await clinic.host.call(ADMIN, 'shifts.close', {
      shiftId: closed!.id,
      countedCashFen: 2500,
    })
    expect(again.ok ? 'closed twice' : again.error.code).toBe('SHIFT_CLOSED')
    await shot(page, 'shift-closed-zh-CN')
  })
})

describe('the cashier in English, and admin', () => {
  test('the pay panel and the day-end in English', async () => {
    const en = await openReception(browser, clinic.url, 'en')
    await countPrints(en)
    await walkIn(en, 'wf')
    await en.getByTestId('pay-tendered').fill('50')
    await eventually(() => en.getByTestId('pay-change').textContent()).toContain('¥25.00')
    await shot(en, 'pay-cash-en')
    await en.getByTestId('pay-tendered').press('Enter')
    await en.getByTestId('rx-ticket-dialog').getByTestId('receipt').waitFor()
    await shot(en, 'receipt-with-ticket-en')
    await en.keyboard.press('Escape')
    await en.keyboard.press('F8')
    await eventually(() => en.getByTestId('shift-total').first().textContent()).toBe('¥25.00')
    await en.getByTestId('shift-counted').fill('25')
    await eventually(() => en.getByTestId('shift-live-difference').textContent()).toContain(
      'Balanced',
    )
    await shot(en, 'shift-en')
    await en.close()
  })

  for (const language of ['zh-CN', 'en'] as const)
    test(`admin sees every shift and the month (${language})`, async () => {
      const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      await openScreen(admin, clinic.url, { kind: 'admin' }, language)
      await admin.getByTestId('nav-cashier').click()
      const shifts = admin.getByTestId('cashier-shifts')
      await eventually(() => shifts.locator('tr[data-shift]').count()).toBe(2)
      // Two shifts' takings: ¥25.00 cash in each, the WeChat fee refunded.
      await eventually(() => admin.getByTestId('cashier-month-total').textContent()).toBe('¥50.00')
      const month = await clinic.host.must(ADMIN, 'money.month', { month: TODAY.slice(0, 7) })
      const closed = month.shifts.find((s) => s.closedAt !== null)
      await shifts.locator(`tr[data-shift="${closed!.id}"] [data-action="view"]`).click()
      await admin.getByTestId('cashier-sheet').getByTestId('shift-sheet').waitFor()
      await expect(
        admin.getByTestId('cashier-sheet').getByTestId('shift-difference').textContent(),
      ).resolves.toBe(language === 'en' ? '¥5.00 short' : '短款 ¥5.00')
      await docShot(admin, `admin-cashier-${language}`)
      await admin.close()
    })
})
