import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startBrowserMode, type BrowserMode } from '../../src/main/host/browser-mode'
import { TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { RENDERER_DIR, startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ConnectionSession } from '../../src/main/host/connection'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'

let browser: Browser
const cleanups: (() => Promise<void>)[] = []
beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function newPage(language: 'zh-CN' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } })
  await page.addInitScript(
    (lang) => globalThis.localStorage.setItem('clinicdesk.language', lang),
    language,
  )
  cleanups.push(() => page.close())
  return page
}

async function signIn(page: Page, username: string, secret: string): Promise<void> {
  const form = page.getByTestId('login-form')
  await form.locator('input[name="username"]').fill(username)
  await form.locator('input[name="secret"]').fill(secret)
  await form.getByTestId('login-submit').click()
}

describe('first run', () => {
  test.each(['zh-CN', 'en'] as const)(
    'the setup wizard creates the first admin, then the admin signs in (%s)',
    async (language) => {
      const host: TestHost = await makeTestHost()
      const server: BrowserMode = await startBrowserMode({
        host,
        rendererDir: RENDERER_DIR,
        port: 0,
      })
      cleanups.push(async () => (await server.close(), await host.dispose()))
      const page = await newPage(language)
      await page.goto(`${server.url}/`)
      const wizard = page.getByTestId('setup-wizard')
      await wizard
        .locator('input[name="clinicName"]')
        .fill(language === 'en' ? 'Riverside Clinic' : '仁心诊所')
      await wizard
        .locator('input[name="adminName"]')
        .fill(language === 'en' ? 'Amy Admin' : '周主任')
      await wizard.locator('input[name="adminUsername"]').fill('boss')
      await wizard.locator('input[name="adminSecret"]').fill('clinic-2026')
      await wizard.locator('input[name="adminSecretAgain"]').fill('clinic-2026')
      await wizard.locator('input[name="loadDemo"]').check()
      await docShot(page, `auth-setup-${language}`)
      await wizard.getByTestId('setup-submit').click()

      await page.getByTestId('login-form').waitFor()
      await signIn(page, 'boss', 'clinic-2026')
      // The start page leads the admin to the admin screen, signed in on the new socket by the resume token.
      await page.waitForURL(/admin\.html$/)
      await expect
        .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
        .toContain(language === 'en' ? 'Amy Admin' : '周主任')
      const directory = await host.must(ADMIN, 'directory.get', {})
      expect(directory.doctors.length).toBeGreaterThan(0)
    },
    180_000,
  ) // two scrypt hashes and the demo clinic on a busy machine
})

describe('sign-in', () => {
  test.each(['zh-CN', 'en'] as const)(
    'a wrong password says so; five delay the account, saying how long (%s)',
    async (language) => {
      const clinic = await startTestBrowserHost()
      cleanups.push(clinic.stop)
      const page = await newPage(language)
      await page.goto(`${clinic.url}/reception.html`)
      await signIn(page, TEST_USERS.reception, 'not-the-secret')
      const error = page.getByTestId('login-error')
      await expect
        .poll(() => error.textContent(), { timeout: 15_000 })
        .toBe(
          language === 'en' ? 'The user name or password is not right.' : '用户名或密码不正确。',
        )
      const failures = async () =>
        (await clinic.host.must(ADMIN, 'staff.list', {})).find(
          (s) => s.username === TEST_USERS.reception,
        )?.failedAttempts
      for (let i = 2; i <= 4; i++) {
        await signIn(page, TEST_USERS.reception, 'not-the-secret')
        await expect.poll(failures, { timeout: 15_000 }).toBe(i)
      }
      await signIn(page, TEST_USERS.reception, 'not-the-secret')
      await expect
        .poll(() => error.textContent(), { timeout: 15_000 })
        .toContain(language === 'en' ? 'try again in 30 s' : '请 30 秒后再试')
      await docShot(page, `auth-login-${language}`)
    },
  )

  test('a browser that signed in before is not held up by a guesser elsewhere on the LAN', async () => {
    const clinic = await startTestBrowserHost()
    cleanups.push(clinic.stop)
    const desk = await newPage('en')
    await desk.goto(`${clinic.url}/reception.html`)
    await signIn(desk, TEST_USERS.reception, TEST_SECRET)
    await desk.getByTestId('user-menu').waitFor()
    await desk.getByTestId('sign-out').click()
    await desk.getByTestId('login-form').waitFor()
    // Someone else on the LAN: five wrong guesses delay the desk account.
    const guesser = new ConnectionSession({ kind: 'socket', origin: '192.168.1.66' })
    for (let i = 0; i < 5; i++)
      await clinic.host.dispatch(
        guesser.caller,
        'auth.login',
        { username: TEST_USERS.reception, secret: `guess-${i}-guess` },
        guesser,
      )
    // A browser new to the account is told to wait, even with the right password…
    const stranger = await newPage('en')
    await stranger.goto(`${clinic.url}/reception.html`)
    await signIn(stranger, TEST_USERS.reception, TEST_SECRET)
    await expect
      .poll(() => stranger.getByTestId('login-error').textContent(), { timeout: 15_000 })
      .toMatch(/try again in \d+ s/)
    // …the desk's own browser (it kept its device token) signs in at once.
    await signIn(desk, TEST_USERS.reception, TEST_SECRET)
    await desk.getByTestId('user-menu').waitFor()
  })

  test.each(['zh-CN', 'en'] as const)(
    'a user changes their own password from the top bar; only the new one signs in afterwards (%s)',
    async (language) => {
      const clinic = await startTestBrowserHost()
      cleanups.push(clinic.stop)
      const page = await newPage(language)
      await openScreen(page, clinic.url, { kind: 'reception' }, language)
      await page.getByTestId('change-secret-open').click()
      const dialog = page.getByTestId('change-secret')
      const error = page.getByTestId('change-secret-error')
      const fill = async (current: string, next: string, again: string) => {
        await dialog.locator('input[name="current"]').fill(current)
        await dialog.locator('input[name="next"]').fill(next)
        await dialog.locator('input[name="again"]').fill(again)
        await dialog.getByTestId('change-secret-submit').click()
      }
      // A weak one and a mistyped repeat are explained before anything is sent.
      await fill(TEST_SECRET, '1234567', '1234567')
      await expect
        .poll(() => error.textContent())
        .toContain(language === 'en' ? 'at least 8 characters' : '至少 8 位')
      await fill(TEST_SECRET, 'new-secret-2', 'new-secret-3')
      await expect
        .poll(() => error.textContent())
        .toBe(language === 'en' ? 'The two entries differ.' : '两次输入的密码不一致。')
      await fill('not-the-secret', 'new-secret-2', 'new-secret-2')
      await expect
        .poll(() => error.textContent(), { timeout: 15_000 })
        .toBe(
          language === 'en'
            ? 'The current password or PIN is not right.'
            : '当前密码或 PIN 不正确。',
        )
      await docShot(page, `auth-change-secret-${language}`)
      await fill(TEST_SECRET, 'new-secret-2', 'new-secret-2')
      await page.getByTestId('change-secret-done').waitFor({ timeout: 15_000 })
      await dialog.getByRole('button').click()
      await expect.poll(() => dialog.count()).toBe(0)

      await page.getByTestId('sign-out').click()
      await signIn(page, TEST_USERS.reception, TEST_SECRET)
      await expect
        .poll(() => page.getByTestId('login-error').textContent(), { timeout: 15_000 })
        .not.toBe('')
      await signIn(page, TEST_USERS.reception, 'new-secret-2')
      await expect
        .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
        .toContain('测试挂号员')
    },
    60_000,
  )

  test('the idle lock asks for the secret again; the desk switches user; the host refuses calls meanwhile', async () => {
    const clinic = await startTestBrowserHost()
    cleanups.push(clinic.stop)
    await clinic.host.must(ADMIN, 'settings.update', { idleLockMinutes: 1 })
    await clinic.host.must(ADMIN, 'staff.create', {
      name: '李四',
      username: 'lisi',
      role: 'reception',
      secret: '135246',
    })
    for (const language of ['zh-CN', 'en'] as const) {
      const page = await newPage(language)
      await page.clock.install()
      await openScreen(page, clinic.url, { kind: 'reception' }, language)
      await page.clock.runFor(61_000)
      const lock = page.getByTestId('lock-screen')
      await lock.waitFor()
      await docShot(page, `auth-lock-${language}`)
      await lock.locator('input[name="secret"]').fill('wrong-secret')
      await lock.getByTestId('unlock-submit').click()
      await expect
        .poll(() => page.getByTestId('login-error').textContent(), { timeout: 15_000 })
        .not.toBe('')
      await lock.locator('input[name="secret"]').fill(TEST_SECRET)
      await lock.getByTestId('unlock-submit').click()
      await page.getByTestId('user-menu').waitFor()

      // Quick switch at the desk: lock, then another user signs in over it.
      await page.getByTestId('lock-now').click()
      await page.getByTestId('switch-user').click()
      await signIn(page, 'lisi', '135246')
      await expect
        .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
        .toContain('李四')
    }
  })

  test('a doctor account only opens its own room; the display opens without a user only while allowed', async () => {
    const clinic = await startTestBrowserHost()
    cleanups.push(clinic.stop)
    const dept = await clinic.host.must(ADMIN, 'departments.create', { name: '内科' })
    const a = await clinic.host.must(ADMIN, 'doctors.create', {
      name: '王医生',
      departmentId: dept.id,
    })
    const b = await clinic.host.must(ADMIN, 'doctors.create', {
      name: '赵医生',
      departmentId: dept.id,
    })
    const page = await newPage('zh-CN')
    await openScreen(page, clinic.url, { kind: 'doctor', doctorId: a.id })
    // Asking for another doctor's room leads back to one's own.
    await page.goto(`${clinic.url}/doctor.html?doctor=${b.id}`)
    await page.waitForURL(new RegExp(`doctor=${a.id}$`))
    await page.getByTestId('user-menu').waitFor()

    const display = await newPage('zh-CN')
    await openScreen(display, clinic.url, { kind: 'display' })
    await clinic.host.must(ADMIN, 'settings.update', { displayWithoutLogin: false })
    const locked = await newPage('zh-CN')
    await locked.goto(`${clinic.url}/display.html`)
    await locked.getByTestId('login-form').waitFor()
  })
})
