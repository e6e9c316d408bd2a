import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY } from '../../src/shared/policy/rules'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { eventually } from './admin-fixtures'
import {
  bookAt,
  openReception,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'

// Issue 14 part 7: the admin lifts a 爽约 suspension from the rules page's list of suspended
// patients, with a reason; the desk's open patient card shows the record and follows the lift.

let browser: Browser
let clinic: ReceptionClinic

/** 王芳: a no-show and a late cancel today; 李明: two no-shows. Two 爽约 suspend for 90 days. */
beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  const { host, doctorA, doctorB, wang, li } = clinic
  await host.must(ADMIN, 'policy.update', {
    ...INITIAL_POLICY,
    cancelDeadline: { enabled: true, hoursBefore: 24 },
    suspension: { ...DEFAULT_POLICY.suspension, count: 2, countLateCancels: true },
  })
  const missed = await bookAt(clinic, doctorA.id, TODAY, '09:30', wang.id)
  await host.must(RECEPTION, 'queue.noShow', { id: missed.id })
  const dropped = await bookAt(clinic, doctorB.id, TODAY, '11:00', wang.id)
  await host.must(RECEPTION, 'appointments.cancel', { id: dropped.id, reason: '临时出差' })
  for (const doctor of [doctorA, doctorB]) {
    const a = await bookAt(clinic, doctor.id, TODAY, '10:00', li.id)
    await host.must(RECEPTION, 'queue.noShow', { id: a.id })
  }
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

async function openRules(language: 'zh-CN' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
  page.on('pageerror', (e) => console.error('[admin page]', e.message))
  await openScreen(page, clinic.url, { kind: 'admin' }, language)
  await page.getByTestId('nav-rules').click()
  await page.getByTestId('suspended-list').scrollIntoViewIfNeeded()
  return page
}

async function openCard(page: Page, phone: string, patientId: number): Promise<void> {
  await page.getByTestId('rx-search').pressSequentially(phone)
  const hit = page.locator(`[data-testid="rx-hits"] li[data-patient="${patientId}"]`)
  await hit.waitFor()
  await hit.locator('[data-action="card"]').click()
  await page.getByTestId('rx-noshow').scrollIntoViewIfNeeded()
}

const kinds = (page: Page) =>
  page
    .getByTestId('rx-noshow')
    .locator('li')
    .evaluateAll((lis) => lis.map((l) => l.dataset.kind))

describe('admin: lifting a 爽约 suspension', () => {
  test.each([
    ['zh-CN', 'wang', '电话核实：急诊住院，未能到诊', ['NO_SHOW', 'LATE_CANCEL']],
    ['en', 'li', 'Checked by phone: was in hospital', ['NO_SHOW', 'NO_SHOW']],
  ] as const)(
    '%s: the list names the patient, why and until when; 解除 needs a reason; the desk card follows',
    async (language, who, reason, causes) => {
      const patient = clinic[who]
      const admin = await openRules(language)
      const row = admin.locator(`[data-testid="suspended-list"] tr[data-patient="${patient.id}"]`)
      await eventually(() => row.count()).toBe(1)
      await expect(row.locator('td').nth(3).textContent()).resolves.toBe('2026-05-31')
      await expect(row.locator('td').nth(1).textContent()).resolves.toBe(
        who === 'li' ? 'no-shows: 2' : '爽约 1 次 · 逾时退号 1 次',
      )
      await docShot(admin, `admin-suspended-${language}`)

      const desk = await openReception(browser, clinic.url, language)
      await openCard(desk, patient.phone!, patient.id)
      await eventually(() => desk.getByTestId('rx-suspended').count()).toBe(1)
      // The record's real rows: the suspension on top, its causes below (one day: any order).
      const [top, ...below] = await kinds(desk)
      expect([top, below.sort()]).toEqual(['SUSPENDED', [...causes].sort()])
      await docShot(desk, `reception-noshow-record-${language}`)

      // 解除 opens a reason box; the lift cannot be sent without one.
      await row.locator('[data-action="lift"]').click()
      const form = admin.locator(`tr[data-lift="${patient.id}"]`)
      const confirm = form.locator('[data-action="confirm-lift"]')
      await expect(confirm.isDisabled()).resolves.toBe(true)
      await form.locator('input[name="reason"]').fill(reason)
      await docShot(admin, `admin-suspended-lift-${language}`)
      await confirm.click()
      await eventually(() => row.count()).toBe(0)

      // The desk's open card, without a reload: no banner, the lift on top with its reason.
      await eventually(() => desk.getByTestId('rx-suspended').count()).toBe(0)
      await eventually(() => kinds(desk).then((k) => k[0])).toBe('LIFTED')
      await expect(
        desk.getByTestId('rx-noshow').locator('li[data-kind="LIFTED"]').textContent(),
      ).resolves.toContain(reason)
      await docShot(desk, `reception-noshow-lifted-${language}`)
      const lifts = await clinic.host.database.read
        .selectFrom('suspension_lifts')
        .select(['reason', 'lifted_by'])
        .where('patient_id', '=', patient.id)
        .execute()
      expect(lifts).toEqual([{ reason, lifted_by: expect.any(String) }])
      await admin.close()
      await desk.close()
    },
  )

  test('when nobody is suspended the list says so', async () => {
    const admin = await openRules('zh-CN')
    await eventually(() => admin.getByTestId('suspended-none').count()).toBe(1)
    await admin.close()
  })
})
