import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { eventually } from './admin-fixtures'
import { bookAt, startReceptionClinic, TODAY, type ReceptionClinic } from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic
let shiftId: number

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  await clinic.host.must(ADMIN, 'fees.setRule', {
    kind: 'DEPARTMENT',
    target: String(clinic.departmentId),
    amountFen: 2500,
    effectiveFrom: TODAY,
  })
  // One shift: ¥100 float, ¥25 cash taken, closed ¥10 short (¥115 counted of ¥125).
  const shift = await clinic.host.must(RECEPTION, 'shifts.open', { openingFloatFen: 10000 })
  shiftId = shift.id
  const a = await bookAt(clinic, clinic.doctorA.id, TODAY, '09:00', clinic.wang.id)
  await clinic.host.must(RECEPTION, 'payments.pay', {
    appointmentId: a.id,
    method: 'CASH',
    expectedFen: 2500,
    tenderedFen: 2500,
  })
  await clinic.host.must(RECEPTION, 'shifts.close', { shiftId, countedCashFen: 11500 })
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('admin corrects a closed shift', () => {
  for (const language of ['zh-CN', 'en'] as const)
    test(`a recount in yuan becomes a linked entry; the shift stays as closed (${language})`, async () => {
      const zh = language === 'zh-CN'
      const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      await openScreen(admin, clinic.url, { kind: 'admin' }, language)
      await admin.getByTestId('nav-cashier').click()
      // The month in the screen's language, not the browser's.
      await eventually(() => admin.getByTestId('cashier-month').textContent()).toBe(
        zh ? '2026年3月' : 'March 2026',
      )
      // Plurals: "1 shift", never "1 shifts".
      await eventually(() =>
        admin.locator('h2 .muted', { hasText: zh ? /^1 个班次$/ : /^1 shift$/ }).count(),
      ).toBe(1)
      await admin.locator(`tr[data-shift="${shiftId}"] [data-action="view"]`).click()
      const sheet = admin.getByTestId('cashier-sheet')
      await sheet.getByTestId('shift-sheet').waitFor()
      const before = await clinic.host.must(ADMIN, 'shifts.get', { shiftId })
      const corrections = before.corrections.length

      // A figure with three decimals is refused before anything is sent.
      await sheet.getByTestId('correct-counted').fill('125.005')
      await sheet.getByTestId('correct-reason').fill(zh ? '交班后在抽屉里找到 10 元' : 'found ¥10')
      await expect(sheet.getByTestId('correct-submit').isDisabled()).resolves.toBe(true)
      await sheet.getByTestId('correct-counted').fill('125.00')
      await eventually(() => sheet.getByTestId('correct-preview').textContent()).toContain(
        zh ? '账实相符' : 'Balanced',
      )
      await sheet.getByTestId('correct-submit').click()
      const entries = sheet.getByTestId('shift-sheet').getByTestId('shift-correction')
      await eventually(() => entries.count()).toBe(corrections + 1)
      await expect(entries.last().textContent()).resolves.toContain('¥125.00')
      await eventually(() => sheet.getByTestId('shift-difference').first().textContent()).toBe(
        zh ? '账实相符' : 'Balanced',
      )

      const after = await clinic.host.must(ADMIN, 'shifts.get', { shiftId })
      // Exactly 12500 fen, from "125.00" typed; the shift's own count and totals are untouched.
      expect(after.corrections.at(-1)).toMatchObject({ countedCashFen: 12500 })
      expect(after.shift).toEqual(before.shift)
      expect(after.shift.countedCashFen).toBe(11500)
      await docShot(admin, `admin-cashier-correct-${language}`)
      await admin.close()
    })
})
