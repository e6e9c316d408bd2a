import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { doctorCaller } from '../helpers/test-host'
import { book, startClinic, TODAY } from './doctor-fixtures'

// 结束出诊 marks everyone who never came NO_SHOW; one whose band's start + grace had not come yet
// is excused (not 爽约). The doctor and the desk must tell the two apart at a glance.
let browser: Browser
let clinic: Awaited<ReturnType<typeof startClinic>>

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startClinic()
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('爽约 and 未到(免责) after 结束出诊', () => {
  test('the doctor’s queue and the desk’s day list show a missed band as 爽约 and a band still to come as 未到(免责), which the day’s 爽约 count leaves out', async () => {
    const doctorId = clinic.day.doctorA.id
    const missed = await book(clinic.host, clinic.day.slotsA[0]!, '周明', '复诊') // 08:00
    const later = await book(clinic.host, clinic.day.slotsA[6]!, '吴芳', '咳嗽') // 11:00
    clinic.clock.set('2026-03-02T01:00:00.000Z') // 09:00 in Shanghai: 08:00's grace is over
    await clinic.host.must(doctorCaller(doctorId), 'queue.closeSession', { doctorId, date: TODAY })

    const doctor = await browser.newPage()
    await openScreen(doctor, clinic.url, { kind: 'doctor', doctorId })
    const tag = (id: number) =>
      doctor.locator(`[data-testid="queue-row"][data-appointment-id="${id}"] [data-shown]`)
    await expect.poll(() => tag(missed.id).getAttribute('data-shown')).toBe('NO_SHOW')
    await expect.poll(() => tag(later.id).getAttribute('data-shown')).toBe('NO_SHOW_EXCUSED')
    expect(await tag(missed.id).textContent()).toBe('爽约')
    expect(await tag(later.id).textContent()).toBe('未到(免责)')
    // The day's 爽约 count is the patients' misses only.
    expect(await doctor.getByTestId('count-noShow').textContent()).toContain('1')
    expect(await doctor.getByTestId('count-noShow').textContent()).not.toContain('2')
    await docShot(doctor, 'doctor-no-show-excused-zh-CN')
    await doctor.close()

    const desk = await browser.newPage()
    await openScreen(desk, clinic.url, { kind: 'reception' })
    await desk.keyboard.press('F4')
    const status = (id: number) =>
      desk.locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"] [data-shown]`)
    await expect.poll(() => status(missed.id).textContent()).toBe('爽约')
    await expect.poll(() => status(later.id).textContent()).toBe('未到(免责)')
    await docShot(desk, 'reception-no-show-excused-zh-CN')
    await desk.close()
  })
})
