import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ADMIN } from '../helpers/test-host'

/**
 * The foundation's one feature through the whole spine, in real Chromium against browser mode:
 * admin adds a department and a doctor through the UI; an already open reception page shows them
 * without a reload (directory.changed → store → picker).
 */
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

const optionTexts = (page: Page, testId: string): Promise<string[]> =>
  page.getByTestId(testId).locator('option').allTextContents()

test('a doctor added in admin appears on the open reception page without a reload', async () => {
  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  const reception = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  await openScreen(reception, started.url, { kind: 'reception' })
  await openScreen(admin, started.url, { kind: 'admin' })
  // A reload would drop this marker.
  await reception.evaluate(() => Object.assign(window, { __sameDocument: true }))
  expect(await optionTexts(reception, 'rx-department')).not.toContain('皮肤科')

  const department = admin.getByTestId('add-department')
  await department.locator('input[name="departmentName"]').fill('皮肤科')
  await department.getByRole('button').click()
  await expect.poll(() => optionTexts(reception, 'rx-department')).toContain('皮肤科')

  const doctor = admin.getByTestId('add-doctor')
  await doctor.locator('select[name="departmentId"]').selectOption({ label: '皮肤科' })
  await doctor.locator('input[name="doctorName"]').fill('周敏')
  await doctor.locator('input[name="doctorTitle"]').fill('主治医师')
  await doctor.getByRole('button').click()

  await reception.getByTestId('rx-department').selectOption({ label: '皮肤科' })
  await expect.poll(() => optionTexts(reception, 'rx-doctor')).toContain('周敏 主治医师')
  expect(
    await reception.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true)

  // And the host holds what the screens show.
  const { doctors } = await started.host.must(ADMIN, 'directory.get', {})
  expect(doctors.map((d) => d.name)).toEqual(['周敏'])
})
