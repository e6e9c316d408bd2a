import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { eventually } from './admin-fixtures'
import { bookAt, startReceptionClinic, TODAY, type ReceptionClinic } from './reception-fixtures'

// Issue 12 part 10: an audit log a person can read — actions and fields in the screen's
// language, values as the screens show them, times in the clinic's zone — and searchable by
// patient and by appointment number.

let browser: Browser
let clinic: ReceptionClinic
let mine: { id: number }
let theirs: { id: number }

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  mine = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
  theirs = await bookAt(clinic, clinic.doctorB.id, TODAY, '10:00', clinic.li.id)
  await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: mine.id })
  await clinic.host.must(RECEPTION, 'appointments.cancel', { id: theirs.id, reason: '改天再来' })
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('admin: a readable audit log', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    test(`labels, values and times as the screens show them; filters by patient and appointment (${lang})`, async () => {
      const zh = lang === 'zh-CN'
      const page = await browser.newPage({
        viewport: { width: 1366, height: 900 },
        timezoneId: 'Europe/Berlin',
      })
      await openScreen(page, clinic.url, { kind: 'admin' }, lang)
      await page.getByTestId('nav-audit').click()
      const filters = page.getByTestId('audit-filters')
      await filters.locator('input[name="patient"]').fill(clinic.wang.name)
      await filters.getByRole('button').click()
      const rows = page.getByTestId('audit-row')
      await eventually(() => page.getByTestId('audit-action').allTextContents()).toEqual(
        zh ? ['签到', '预约挂号', '登记患者'] : ['Check in', 'Book', 'Register patient'],
      )
      const checkIn = rows.first()
      // The status change in words, the check-in time in the clinic's zone (09:10 Shanghai),
      // not the PC's (Berlin) and not an ISO string.
      const change = (await checkIn.getByTestId('audit-change').allTextContents()).join(' | ')
      expect(change).toContain(zh ? '状态: 已预约 → 已签到' : 'status: Booked → Checked in')
      expect(change).toMatch(
        zh ? /签到时间: 2026\/03\/02 09:10:00/ : /checked in: 03\/02\/2026, 09:10:00/,
      )
      expect(await checkIn.getByTestId('audit-entity').textContent()).toBe(
        zh ? `预约 #${mine.id}` : `appointment #${mine.id}`,
      )
      expect(await checkIn.textContent()).toContain(
        zh ? '2026/03/02 09:10:00' : '03/02/2026, 09:10:00',
      )
      await docShot(page, `admin-audit-readable-${lang}`)

      // By appointment number: that booking's trail alone.
      await filters.locator('input[name="patient"]').fill('')
      await filters.locator('input[name="appointmentId"]').fill(String(theirs.id))
      await filters.getByRole('button').click()
      await eventually(() => page.getByTestId('audit-action').allTextContents()).toEqual(
        zh ? ['退号', '预约挂号'] : ['Cancel booking', 'Book'],
      )
      expect(await rows.first().textContent()).toContain(zh ? '已退号' : 'Canceled')
      const listed = await clinic.host.must(ADMIN, 'audit.list', { appointmentId: theirs.id })
      expect(listed.rows).toHaveLength(2)

      // The record filter names record kinds in the screen's language, never a table name.
      await filters.locator('input[name="appointmentId"]').fill('')
      const kinds = filters.locator('select[name="entity"] option')
      const names = await kinds.allTextContents()
      expect(names).toEqual(
        expect.arrayContaining(
          zh ? ['患者', '号源', '加号'] : ['patient', 'slots', 'extra places'],
        ),
      )
      expect(names.join(' ')).not.toMatch(/_|doctor_schedules/)
      await filters.locator('select[name="entity"]').selectOption('patient')
      await filters.getByRole('button').click()
      const patientRecord = zh ? /^患者 #\d+$/ : /^patient #\d+$/
      await eventually(async () => {
        const shown = await page.getByTestId('audit-entity').allTextContents()
        return shown.length > 0 && shown.every((x) => patientRecord.test(x))
      }).toBe(true)
      await page.close()
    })
  }
})
