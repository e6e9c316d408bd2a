import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SUMMARY_COLUMNS } from '../../src/shared/export-columns'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { busyMorning, startClinic } from './doctor-fixtures'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

// Checked in at 07:30, called at 08:05 (busyMorning): 35 minutes, the median of both calls.
const WAIT = { 'zh-CN': '35 分钟', en: '35 min' }

describe.each(['zh-CN', 'en'] as const)("the doctor's own figures (%s)", (lang) => {
  test('day and month beside the queue, from reports.summary narrowed to this doctor', async () => {
    const clinic = await startClinic()
    try {
      // Doctor A: one visit completed, patients called after waiting since 07:30.
      await busyMorning(clinic)
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id }, lang)
      await page.getByTestId('queue-row').first().waitFor()
      const dd = (id: string) => page.getByTestId(id).locator('dd')
      await expect.poll(() => dd('own-month-seen').textContent()).toBe('1')
      expect(await dd('own-day-wait').textContent()).toBe(WAIT[lang])
      expect(await dd('own-month-noshow').textContent()).toBe('1')
      // The month so far is this one day: the same median.
      expect(await dd('own-month-wait').textContent()).toBe(await dd('own-day-wait').textContent())
      // Doctor B's called patient is not counted here.
      const b = await clinic.host.must(
        { role: 'doctor', doctorId: clinic.day.doctorB.id, label: 'b' },
        'reports.summary',
        { from: '2026-03-01', to: '2026-03-02', period: 'month' },
      )
      expect(b.doctorId).toBe(clinic.day.doctorB.id)
      expect(b.rows[0]?.completed ?? 0).toBe(0)
      await docShot(page, `doctor-own-figures-${lang}`)

      // 导出本月: the month so far by day, this doctor's figures only, as the browser's download.
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('own-export').getByTestId('export-csv').click(),
      ])
      expect(file.suggestedFilename()).toMatch(/^report-summary_2026-03-01_2026-03-02_.*\.csv$/)
      const lines = readFileSync(await file.path(), 'utf8').split('\r\n')
      expect(lines[0]).toBe(`\uFEFF${SUMMARY_COLUMNS[lang].join(',')}`)
      expect(lines).toHaveLength(3) // the one day with visits, then the final CRLF
      // Completed 1, no-shows 1: doctor A's day, not the clinic's.
      const cells = lines[1]!.split(',')
      expect(cells.slice(0, 2)).toEqual(['2026-03-02', lang === 'zh-CN' ? '全部' : 'All'])
      expect([cells[5], cells[6]]).toEqual(['1', '1'])
      await expect
        .poll(() => page.getByTestId('own-export').getByTestId('export-note').textContent())
        .toContain(file.suggestedFilename())
      await docShot(page, `doctor-own-export-${lang}`)
      await page.close()
    } finally {
      await clinic.stop()
    }
  })
})
