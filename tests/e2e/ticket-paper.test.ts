import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { ADMIN } from '../helpers/test-host'
import {
  bookAt,
  openReception,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'
import { pdfFirstTextMm } from './pdf-layout'
import { pdfPageSizeMm, pdfText } from './reception-pdf'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startReceptionClinic()))
afterEach(async () => clinic?.stop())

async function openTicket(page: Page, id: number): Promise<void> {
  await page.keyboard.press('F4')
  await page
    .locator(`[data-testid="rx-daylist"] tr[data-appointment="${id}"] [data-action="ticket"]`)
    .click()
  await page.getByTestId('rx-ticket-dialog').getByTestId('ticket').waitFor()
}

async function printPdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  return pdf
}

describe('the ticket on the paper this desk uses', () => {
  test('each paper sets its @page size; the ticket starts at the top of the page, no blank band above', async () => {
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '09:30', clinic.wang.id)
    const page = await openReception(browser, clinic.url)
    await openTicket(page, booked.id)
    const paper = page.getByTestId('rx-printer-paper')
    // Until the desk chooses, the clinic's paper (80 mm).
    await expect(paper.inputValue()).resolves.toBe('')
    await expect(page.getByTestId('rx-printer').textContent()).resolves.toContain(
      '--kiosk-printing',
    )
    await docShot(page, 'ticket-printer-zh-CN')

    const pdf80 = await printPdf(page)
    expect(pdfPageSizeMm(pdf80)).toEqual({ width: 80, height: 120, pages: 1 })
    // The page margin is 3 mm; the ticket's first line (the clinic's name) is just below it.
    const top80 = pdfFirstTextMm(pdf80)
    expect(top80).toBeGreaterThan(3)
    expect(top80).toBeLessThan(10)
    expect(pdfText(pdf80)).toContain('挂号单')

    // This desk has a 58 mm printer: chosen here, kept on this computer, the clinic unchanged.
    await paper.selectOption('58mm')
    const pdf58 = await printPdf(page)
    expect(pdfPageSizeMm(pdf58)).toMatchObject({ width: 58, height: 110, pages: 1 })
    expect(pdfFirstTextMm(pdf58)).toBeLessThan(10)
    expect((await clinic.host.must(ADMIN, 'settings.get', {})).settings.ticketPaper).toBe('80mm')

    await paper.selectOption('A4')
    const pdfA4 = await printPdf(page)
    expect(pdfPageSizeMm(pdfA4)).toMatchObject({ width: 210, height: 297, pages: 1 })
    expect(pdfFirstTextMm(pdfA4)).toBeGreaterThan(15)
    expect(pdfFirstTextMm(pdfA4)).toBeLessThan(23)

    await page.reload()
    await page.locator('button.rx-band').first().waitFor()
    await openTicket(page, booked.id)
    await expect(page.getByTestId('rx-printer-paper').inputValue()).resolves.toBe('A4')
    await expect(page.getByTestId('rx-ticket-dialog').locator('.ticket-A4').count()).resolves.toBe(
      1,
    )
    await page.close()
  })

  test('in English, with the clinic on 58 mm paper and the desk following it', async () => {
    await clinic.host.must(ADMIN, 'settings.update', { ticketPaper: '58mm' })
    const booked = await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.li.id)
    const page = await openReception(browser, clinic.url, 'en')
    await openTicket(page, booked.id)
    await expect(
      page.getByTestId('rx-printer-paper').locator('option').first().textContent(),
    ).resolves.toBe("Clinic's setting (58mm)")
    await docShot(page, 'ticket-printer-en')
    const pdf = await printPdf(page)
    expect(pdfPageSizeMm(pdf)).toMatchObject({ width: 58, height: 110 })
    expect(pdfFirstTextMm(pdf)).toBeLessThan(10)
    await page.close()
  })
})
