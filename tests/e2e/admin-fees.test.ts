import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN } from '../helpers/test-host'
import { eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let departmentId: number

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost()
  departmentId = (await started.host.must(ADMIN, 'departments.create', { name: '内科' })).id
  await started.host.must(ADMIN, 'doctors.create', {
    name: '王建国',
    departmentId,
    title: '主任医师',
  })
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

describe('admin: the registration-fee price list', () => {
  test('a price typed in yuan is stored in exact fen and shown in force; a bad amount is refused before sending', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-fees').click()
    const form = page.getByTestId('fee-form')
    await form.locator('input[name="feeTarget"]').fill('主任医师')
    await form.locator('input[name="feeAmount"]').fill('30.125')
    await eventually(() => form.getByText('请输入元，最多两位小数').count()).toBe(1)
    await expect(form.getByRole('button', { name: '添加规则' }).isDisabled()).resolves.toBe(true)
    expect(await started.host.must(ADMIN, 'fees.rules', {})).toEqual([])

    // Parsed digit by digit, never through a float: ¥0.30 is exactly 30 fen.
    await form.locator('input[name="feeAmount"]').fill('0.30')
    await form.getByRole('button', { name: '添加规则' }).click()
    const inForce = page.getByTestId('fees-in-force')
    await eventually(() => inForce.getByTestId('fee-row').count()).toBe(1)
    await eventually(() => inForce.getByTestId('fee-row').first().textContent()).toContain('¥0.30')
    const rules = await started.host.must(ADMIN, 'fees.rules', {})
    expect(rules.map((r) => [r.kind, r.target, r.amountFen])).toEqual([['TITLE', '主任医师', 30]])

    // A department's flat fee, chosen from the directory.
    await form.locator('select[name="feeKind"]').selectOption('DEPARTMENT')
    await form.locator('select[name="feeTarget"]').selectOption(String(departmentId))
    await form.locator('input[name="feeAmount"]').fill('25')
    await form.getByRole('button', { name: '添加规则' }).click()
    await eventually(() => inForce.getByTestId('fee-row').count()).toBe(2)
    await eventually(() => inForce.textContent()).toContain('内科')
    expect(
      (await started.host.must(ADMIN, 'fees.rules', {})).find((r) => r.kind === 'DEPARTMENT')
        ?.amountFen,
    ).toBe(2500)
    await docShot(page, 'admin-fees-zh-CN')
    await page.close()
  })

  test('the page in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-fees').click()
    await eventually(() => page.getByTestId('nav-fees').textContent()).toBe('Registration fees')
    await eventually(() => page.getByTestId('fees-in-force').getByTestId('fee-row').count()).toBe(2)
    await eventually(() => page.getByTestId('fees-in-force').textContent()).toContain('By title')
    // Another admin's change to come appears at once (fees.changed), without a reload.
    await started.host.must(ADMIN, 'fees.setRule', {
      kind: 'NIGHT',
      amountFen: 1000,
      effectiveFrom: '2099-01-01',
    })
    await eventually(() => page.getByTestId('fees-upcoming').textContent()).toContain('¥10.00')
    await docShot(page, 'admin-fees-en')
    await page.close()
  })
})
