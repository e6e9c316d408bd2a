import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { book, startClinic, TODAY } from './doctor-fixtures'

let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startClinic()))
afterEach(async () => clinic?.stop())

const badge = (page: Page, id: number) =>
  page.locator(`[data-testid="queue-row"][data-appointment-id="${id}"] [data-testid="queue-paid"]`)

describe('doctor screen, paid or not', () => {
  test('未缴费 / 已缴费 beside each patient, live when a price list takes effect and when the desk takes payment, never the amount', async () => {
    const doctorId = clinic.day.doctorA.id
    const first = await book(clinic.host, clinic.day.slotsA[0]!, '张小三', '咳嗽')
    const second = await book(clinic.host, clinic.day.slotsA[1]!, '李四', '头痛')

    // No price list: nothing is unpaid, so no badge at all.
    const page = await browser.newPage()
    await openScreen(page, clinic.url, { kind: 'doctor', doctorId })
    await page.getByTestId('queue-table').waitFor()
    await expect.poll(() => page.getByTestId('queue-row').count()).toBe(2)
    expect(await page.getByTestId('queue-paid').count()).toBe(0)

    // A price list taking effect today while the screen is open: the badges appear without a reload.
    await clinic.host.must(ADMIN, 'fees.setRule', {
      kind: 'DOCTOR',
      target: String(doctorId),
      amountFen: 3000,
      effectiveFrom: TODAY,
    })
    await expect.poll(() => badge(page, first.id).textContent()).toBe('未缴费')
    await expect.poll(() => badge(page, second.id).textContent()).toBe('未缴费')

    await clinic.host.must(RECEPTION, 'payments.pay', {
      appointmentId: first.id,
      method: 'WECHAT',
      expectedFen: 3000,
    })
    await expect.poll(() => badge(page, first.id).textContent()).toBe('已缴费')
    expect(await badge(page, second.id).textContent()).toBe('未缴费')
    // A doctor sees whether, never how much.
    const table = (await page.getByTestId('queue-table').textContent()) ?? ''
    expect(table).not.toMatch(/¥|30\.00|元/)
    await docShot(page, 'doctor-paid-zh-CN')
    await page.close()
  })
})
