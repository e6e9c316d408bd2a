import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ConnectionSession } from '../../src/main/host/connection'
import { ADMIN } from '../helpers/test-host'
import { eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost()
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

describe('admin: staff accounts and the audit log', () => {
  test('adds an account, refuses a weak PIN next to the field, resets the secret and deactivates it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-staff').click()
    const add = page.getByTestId('add-staff')
    await add.locator('input[name="staffName"]').fill('王芳')
    await add.locator('input[name="username"]').fill('wangfang')
    await add.locator('select[name="role"]').selectOption('reception')
    await add.locator('input[name="secret"]').fill('1234')
    await eventually(() => add.getByTestId('error-secret').textContent()).toBe(
      '请使用至少 8 位且不全是数字的密码，或 6 位数字 PIN。',
    )
    // A PIN a guesser tries first is refused with its reason, before anything is sent.
    await add.locator('input[name="secret"]').fill('123456')
    await eventually(() => add.getByTestId('error-secret').textContent()).toContain('太容易被猜到')
    await add.locator('input[name="secret"]').fill('246810')
    await add.getByRole('button', { name: '新增账号' }).click()
    await eventually(() => page.getByTestId('staff-table').textContent()).toContain('wangfang')
    const created = (await started.host.must(ADMIN, 'staff.list', {})).find(
      (a) => a.username === 'wangfang',
    )
    // Located by id: while a row is being edited its text is in inputs.
    const row = page.locator(`[data-testid="staff-row"][data-staff-id="${created?.id}"]`)
    await eventually(() => row.textContent()).toMatch(/王芳.*wangfang.*挂号员.*PIN.*在用/)

    await row.getByRole('button', { name: '重设密码' }).click()
    await row.locator('input[name="newSecret"]').fill('a-longer-password')
    await row.getByRole('button', { name: '重设密码' }).click()
    await eventually(() => row.textContent()).toContain('密码')

    await row.getByRole('button', { name: '编辑' }).click()
    await row.locator('input[name="editActive"]').uncheck()
    await row.getByRole('button', { name: '保存' }).click()
    await eventually(() => row.textContent()).toContain('已停用')
    const accounts = await started.host.must(ADMIN, 'staff.list', {})
    expect(accounts.find((a) => a.username === 'wangfang')).toMatchObject({
      secretKind: 'password',
      active: false,
      role: 'reception',
    })
    await page.close()
  })

  test('the admin sees the sign-in delays a guesser caused and clears one', async () => {
    const guesser = new ConnectionSession({ kind: 'socket', origin: '192.168.1.77' })
    for (let i = 0; i < 2; i++)
      await started.host.dispatch(
        guesser.caller,
        'auth.login',
        { username: `nobody${i}`, secret: 'guess-guess' },
        guesser,
      )
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-staff').click()
    const row = page.locator('[data-testid="signin-limit"][data-key="computer:192.168.1.77"]')
    await eventually(() => row.textContent()).toMatch(
      /Computer.*192\.168\.1\.77.*2.*Not delayed now/,
    )
    await row.getByTestId('clear-limit').click()
    await eventually(() => row.count()).toBe(0)
    const limits = await started.host.must(ADMIN, 'staff.signinLimits', {})
    expect(limits.map((l) => l.key)).not.toContain('computer:192.168.1.77')
    await page.close()
  })

  test('the audit log lists those changes, filters by action and verifies the chain', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-audit').click()
    await eventually(() => page.getByTestId('audit-row').count()).toBeGreaterThan(2)
    await page.getByTestId('audit-filters').locator('select[name="action"]').selectOption('staff.')
    await page.getByTestId('audit-filters').getByRole('button', { name: 'Filter' }).click()
    const actions = async () =>
      (await page.getByTestId('audit-row').locator('code').allTextContents()).sort()
    // Only staff changes (the test host's own accounts were created through staff.create too).
    await eventually(async () => (await actions()).every((a) => a.startsWith('staff.'))).toBe(true)
    expect(await actions()).toEqual(
      expect.arrayContaining([
        'staff.create',
        'staff.resetSecret',
        'staff.update',
        'staff.clearSigninLimit',
      ]),
    )
    expect(await actions()).not.toContain('departments.create')

    await page.getByTestId('audit-verify').getByRole('button').click()
    await eventually(() => page.getByTestId('verify-result').textContent()).toMatch(
      /^Chain intact: \d+ rows checked$/,
    )
    await page.close()
  })
})
