import type { Page } from 'playwright-core'
import { ensureDoctorAccount, TEST_SECRET, TEST_USERS } from './accounts'
import { testHostAt } from './browser-host'
import { ADMIN } from './test-host'

export type ScreenSpec =
  | { readonly kind: 'reception' | 'admin' | 'display' }
  | { readonly kind: 'doctor'; readonly doctorId: number }

/**
 * Opens a screen of a browser-mode host (started by startTestBrowserHost) in a page, in a
 * language, signs in through the real login form as the screen's test account, and waits until
 * the screen is connected. The display opens without a user while settings.displayWithoutLogin
 * is on (the default), else it signs in as the reception account. A doctor's account is created
 * on first use. Every browser test opens screens through this one helper.
 */
export async function openScreen(
  page: Page,
  baseUrl: string,
  screen: ScreenSpec,
  language: 'zh-CN' | 'en' = 'zh-CN',
): Promise<void> {
  const host = testHostAt(baseUrl)
  if (!host) throw new Error(`openScreen: ${baseUrl} was not started by startTestBrowserHost`)
  let username: string | null
  if (screen.kind === 'doctor') username = await ensureDoctorAccount(host, screen.doctorId)
  else if (screen.kind === 'display')
    username = (await host.must(ADMIN, 'auth.status', {})).displayWithoutLogin
      ? null
      : TEST_USERS.reception
  else username = TEST_USERS[screen.kind]

  await page.addInitScript(
    (lang) => globalThis.localStorage.setItem('clinicdesk.language', lang),
    language,
  )
  const query = screen.kind === 'doctor' ? `?doctor=${screen.doctorId}` : ''
  await page.goto(`${baseUrl}/${screen.kind}.html${query}`)
  if (username) {
    const form = page.locator('[data-testid="login-form"]')
    await form.locator('input[name="username"]').fill(username)
    await form.locator('input[name="secret"]').fill(TEST_SECRET)
    await form.locator('[data-testid="login-submit"]').click()
  }
  await page
    .locator('[data-testid="connection"][data-status="connected"]')
    .first()
    .waitFor({ timeout: 15_000 })
}
