import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Appointment, Doctor, Patient } from '../../src/shared/contract'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION, manualClock } from '../helpers/test-host'
import { MONDAY_0730, TODAY, eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let doctor: Doctor
let zhang: Patient
let typo: Patient
let typoBooking: Appointment

async function book(patientId: number, date: string, index: number, key: string) {
  const slots = await started.host.must(ADMIN, 'slots.forDoctorDay', { doctorId: doctor.id, date })
  return started.host.must(RECEPTION, 'appointments.book', {
    slotId: slots[index]!.id,
    patientId,
    idempotencyKey: key,
  })
}

/** One person registered twice: 张伟 with a phone, and 张玮 (a typo) with the ID number, booked today. */
beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const { host } = started
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  doctor = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: dept.id })
  await host.must(ADMIN, 'templates.save', {
    doctorId: doctor.id,
    weekday: 1,
    startTime: '08:00',
    endTime: '12:00',
    slotMinutes: 30,
    quotaPerSlot: 4,
    walkInPerSlot: 0,
  })
  await host.must(ADMIN, 'schedules.generate', {})
  zhang = await host.must(RECEPTION, 'patients.register', {
    name: '张伟',
    sex: 'M',
    phone: '13900000001',
  })
  typo = await host.must(RECEPTION, 'patients.register', {
    name: '张玮',
    sex: 'U',
    idNumber: '110105198006150018',
  })
  await book(zhang.id, '2026-03-09', 0, 'merge-e2e-1')
  typoBooking = await book(typo.id, TODAY, 2, 'merge-e2e-2')
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

async function pick(page: Page, side: 'a' | 'b', q: string, id: number): Promise<void> {
  const column = page.getByTestId(`merge-side-${side}`)
  await column.locator(`input[name="search-${side}"]`).fill(q)
  await column.getByRole('button', { name: new RegExp(`^#${id} `) }).click()
  await column.locator('.merge-record').waitFor()
}

describe('admin: 患者合并', () => {
  test('two records side by side; keep one, give a reason, confirm; the desk follows live', async () => {
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(desk, started.url, { kind: 'reception' })
    await desk.keyboard.press('F4')
    const deskRow = desk.locator(
      `[data-testid="rx-daylist"] tr[data-appointment="${typoBooking.id}"]`,
    )
    await eventually(() => deskRow.textContent()).toContain('张玮')

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-merge').click()
    await pick(page, 'a', '13900000001', zhang.id)
    await pick(page, 'b', 'zw', typo.id)
    expect(await page.getByTestId('merge-count-b').textContent()).toBe('共 1 条，其中进行中 1 条')
    expect(await page.getByTestId('merge-submit').isDisabled()).toBe(true)
    await page.getByTestId('merge-side-a').getByLabel('保留这份').check()
    await page.locator('input[name="reason"]').fill('同一人重复建档，姓名录错')
    await docShot(page, 'admin-merge-compare-zh-CN')
    await page.getByTestId('merge-submit').click()
    const dialog = page.getByTestId('merge-confirm')
    expect(await dialog.textContent()).toContain(
      `保留 #${zhang.id} 张伟，停用 #${typo.id} 张玮。#${typo.id} 的 1 条预约记录将转到 #${zhang.id}。`,
    )
    await docShot(page, 'admin-merge-confirm-zh-CN')
    await dialog.getByTestId('merge-confirm-button').click()

    await eventually(() => page.getByTestId('merge-done').textContent()).toContain(
      `已合并：1 条进行中的预约、0 条归档记录转到 #${zhang.id} 张伟。`,
    )
    expect(await page.getByTestId('merge-done').textContent()).toContain(
      '补上的信息：出生日期、身份证号',
    )
    // The retired side says where it went; the kept side now counts both bookings.
    await eventually(() => page.getByTestId('merge-side-b').textContent()).toContain(
      `这份档案已合并到 #${zhang.id}。`,
    )
    await eventually(() => page.getByTestId('merge-count-a').textContent()).toBe(
      '共 2 条，其中进行中 2 条',
    )
    await docShot(page, 'admin-merge-done-zh-CN')

    // The reception desk's day list shows the kept record on the moved booking, without a reload.
    await eventually(() => deskRow.textContent()).toContain('张伟')
    expect(await started.host.call(RECEPTION, 'patients.get', { id: typo.id })).toMatchObject({
      ok: false,
      error: { code: 'PATIENT_MERGED', details: { mergedInto: zhang.id } },
    })
    expect(await started.host.must(ADMIN, 'patients.get', { id: zhang.id })).toMatchObject({
      idNumber: '110105198006150018',
      phone: '13900000001',
    })
    await page.close()
    await desk.close()
  })

  test('a clash of live bookings is refused and listed (en)', async () => {
    const a = await started.host.must(RECEPTION, 'patients.register', {
      name: 'Li Na',
      sex: 'F',
      phone: '13900000005',
    })
    const b = await started.host.must(RECEPTION, 'patients.register', {
      name: 'Li Na',
      sex: 'F',
      phone: '13900000006',
    })
    const first = await book(a.id, '2026-03-09', 1, 'merge-e2e-3')
    const second = await book(b.id, '2026-03-09', 2, 'merge-e2e-4')
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-merge').click()
    await pick(page, 'a', '13900000005', a.id)
    await pick(page, 'b', '13900000006', b.id)
    await page.getByTestId('merge-side-b').getByLabel('Keep this one').check()
    await page.locator('input[name="reason"]').fill('registered twice')
    await page.getByTestId('merge-submit').click()
    await page.getByTestId('merge-confirm').getByTestId('merge-confirm-button').click()
    await page.getByTestId('merge-confirm').getByRole('button', { name: 'Cancel' }).click()
    await eventually(() => page.getByTestId('merge-error').textContent()).toContain(
      `2026-03-09 王建国 (appointments #${second.id} and #${first.id})`,
    )
    await docShot(page, 'admin-merge-clash-en')
    expect(await started.host.must(ADMIN, 'patients.get', { id: a.id })).toMatchObject({ id: a.id })
    await page.close()
  })
})
