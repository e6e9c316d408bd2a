import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SUMMARY_COLUMNS } from '../../src/shared/export-columns'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, manualClock } from '../helpers/test-host'
import { MONDAY_0730, eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>

/**
 * 2025 holds 300,000 archived visits of one doctor (written straight into the archive, as the
 * nightly archiving leaves them): an export of that year runs long enough, page by page, to watch
 * its bar move and to cancel it.
 */
const ROWS = 300_000

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const { host } = started
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const doctor = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: dept.id })
  const db = host.database.sqlite
  const now = '2025-12-31T00:00:00.000Z'
  db.prepare(
    "INSERT INTO patients (name, sex, id_number, created_at, updated_at) VALUES ('张三', 'U', '110101199003071234', ?, ?)",
  ).run(now, now)
  const archived = db.prepare(
    `INSERT INTO appointments_archive (id, slot_id, doctor_id, date, start_time, end_time, patient_id, queue_no, source, status,
       chief_complaint, cancel_reason, skip_count, created_by, created_at, updated_at, archived_at)
     VALUES (?, 900, ?, ?, '09:00', '09:30', 1, 1, 'PHONE', 'COMPLETED', '', NULL, 0, 'test', ?, ?, ?)`,
  )
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const day = new Date(Date.UTC(2025, 0, 1 + (i % 365))).toISOString().slice(0, 10)
      archived.run(100_000 + i, doctor.id, day, now, now, now)
    }
  })()
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

const exportsLeft = (): string[] => {
  const folder = join(started.host.dataDir, 'exports')
  return existsSync(folder) ? readdirSync(folder) : []
}

test.each([
  ['zh-CN', /^正在导出 [1-9][\d,]* \/ 300,000 行/, '已取消导出'],
  ['en', /^Exporting [1-9][\d,]* \/ 300,000 rows/, 'Export canceled'],
] as const)(
  "%s: a year's export shows its rows on a bar; 取消 stops it and the host keeps no file",
  async (lang, progress, canceled) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
    await openScreen(page, started.url, { kind: 'admin' }, lang)
    await page.click('[data-testid="nav-reports"]')
    await page.locator('input[name="from"]').fill('2025-01-01')
    await page.locator('input[name="to"]').fill('2025-12-31')
    await page.click('[data-testid="export-csv"]')
    const text = page.locator('[data-testid="export-progress-text"]')
    await eventually(() => text.textContent()).toMatch(progress)
    // The bar stands where the buttons were; the choice of what to export waits meanwhile.
    expect(await page.locator('[data-testid="export-csv"]').count()).toBe(0)
    expect(await page.locator('[data-testid="export-what"]').isDisabled()).toBe(true)
    await docShot(page, `admin-export-progress-${lang}`)
    await page.click('[data-testid="export-cancel"]')
    await eventually(() => page.locator('[data-testid="export-note"]').textContent()).toContain(
      canceled,
    )
    expect(await page.locator('[data-testid="export-csv"]').isEnabled()).toBe(true)
    expect(exportsLeft()).toEqual([])
    await page.close()
  },
)

test('a report table exports through the same jobs: the summary of the year, downloaded, then gone from the host', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
  await openScreen(page, started.url, { kind: 'admin' })
  await page.click('[data-testid="nav-reports"]')
  await page.locator('input[name="from"]').fill('2025-01-01')
  await page.locator('input[name="to"]').fill('2025-12-31')
  await page.selectOption('select[name="period"]', 'month')
  await page.selectOption('[data-testid="export-what"]', 'summary')
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-csv"]'),
  ])
  expect(file.suggestedFilename()).toMatch(/^report-summary_2025-01-01_2025-12-31_.*\.csv$/)
  const lines = readFileSync(await file.path(), 'utf8').split('\r\n')
  expect(lines[0]).toBe(`\uFEFF${SUMMARY_COLUMNS['zh-CN'].join(',')}`)
  // Twelve months, one row each for the whole clinic; January: 31 days × ~822 visits.
  expect(lines).toHaveLength(14)
  expect(lines[1]).toMatch(/^2025-01-01,全部,/)
  await eventually(() => page.locator('[data-testid="export-note"]').textContent()).toContain(
    file.suggestedFilename(),
  )
  expect(exportsLeft()).toEqual([])
  await page.close()
})

test.each([
  ['zh-CN', '文件将包含完整身份证号。此次导出会以您的账号记入审计日志。', '导出预约明细', '导出'],
  [
    'en',
    'The file will hold full ID numbers. This export is recorded in the audit log under your account.',
    'Export appointment list',
    'export',
  ],
] as const)(
  '%s: 导出完整身份证号 is off by default, says it is audited, and the audit screen shows the row',
  async (lang, sentence, action, entity) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' }, lang)
    await page.click('[data-testid="nav-reports"]')
    // One day of the year: about 822 rows, the one patient's ID number on each.
    await page.locator('input[name="from"]').fill('2025-03-03')
    await page.locator('input[name="to"]').fill('2025-03-03')
    const box = page.getByTestId('export-unmasked')
    expect(await box.isChecked()).toBe(false)
    expect(await page.getByTestId('export-unmasked-note').count()).toBe(0)
    const save = async () => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="export-csv"]'),
      ])
      return readFileSync(await file.path(), 'utf8')
    }
    // Off: masked, and nothing audited.
    const masked = await save()
    expect(masked).toContain('110101********1234')
    expect(masked).not.toContain('110101199003071234')

    await box.check()
    expect(await page.getByTestId('export-unmasked-note').textContent()).toBe(sentence)
    await docShot(page, `admin-export-unmasked-${lang}`)
    const full = await save()
    expect(full).toContain('110101199003071234')
    // The tick does not stay: the next export is masked again unless asked anew.
    await eventually(() => box.isChecked()).toBe(false)
    expect(await page.getByTestId('export-unmasked-note').count()).toBe(0)
    // Only the appointment list has ID numbers: a report table offers no such choice.
    await page.selectOption('[data-testid="export-what"]', 'summary')
    expect(await box.count()).toBe(0)

    await page.click('[data-testid="nav-audit"]')
    const row = page.getByTestId('audit-row').first()
    await eventually(() => row.getByTestId('audit-action').textContent()).toBe(action)
    expect(await row.getByTestId('audit-entity').textContent()).toBe(entity)
    const change = (await row.getByTestId('audit-change').allTextContents()).join(' | ')
    expect(change).toContain(lang === 'zh-CN' ? '完整身份证号: 是' : 'full ID numbers: yes')
    expect(change).toContain(lang === 'zh-CN' ? '起始日: 2025-03-03' : 'from: 2025-03-03')
    const audited = await started.host.must(ADMIN, 'audit.list', {
      action: 'exports.startAppointments',
    })
    // One row per unmasked export (this test runs once per language), none for the masked one.
    expect(audited.rows.length).toBe(lang === 'zh-CN' ? 1 : 2)
    await page.close()
  },
)
