import type { Page } from 'playwright-core'

export type ScreenSpec =
  | { readonly kind: 'reception' | 'admin' | 'display' }
  | { readonly kind: 'doctor'; readonly doctorId: number }

/**
 * Opens a screen of a browser-mode host in a page, in a language, and waits until it is connected.
 * Every browser test opens screens through this one helper, so how a screen gets its identity
 * (the development picker today, staff login later) changes in one place.
 */
export async function openScreen(page: Page, baseUrl: string, screen: ScreenSpec, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  await page.addInitScript((lang) => globalThis.localStorage.setItem('clinicdesk.language', lang), language)
  const query = screen.kind === 'doctor' ? `?doctor=${screen.doctorId}` : ''
  await page.goto(`${baseUrl}/${screen.kind}.html${query}`)
  await page.locator('[data-testid="connection"][data-status="connected"]').first().waitFor({ timeout: 10_000 })
}
