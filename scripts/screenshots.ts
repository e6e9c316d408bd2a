/**
 * Screenshots of every screen in zh-CN and en, for docs/ and for looking at before calling a screen done.
 *   node scripts/run-ts.mjs scripts/screenshots.ts [name…]      (build first: npm run build)
 * Starts browser mode on a temporary demo database (with the tests' staff accounts), opens each shot
 * through the tests' openScreen (so it signs in as screens do), writes docs/screenshots/<name>-<lang>.png.
 * To add a state of your screen, add an entry to SHOTS (with `prepare` to click it into that state).
 * CLINIC_RENDERER_DIR picks another built renderer (default out/renderer).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Doctor } from '../src/shared/contract'
import type { Host } from '../src/main/host/create-host'
import { startTestBrowserHost } from '../tests/helpers/browser-host'
import { launchChromium } from '../tests/helpers/chromium'
import { openScreen, type ScreenSpec } from '../tests/helpers/open-screen'

type Language = 'zh-CN' | 'en'

interface ShotContext {
  readonly host: Host
  readonly url: string
  readonly doctors: readonly Doctor[]
}

export interface Shot {
  /** File name stem: docs/screenshots/<name>-<lang>.png */
  readonly name: string
  /** The screen to open, signed in as its test account; 'start' is the sign-in page at /. */
  readonly screen: (ctx: ShotContext) => ScreenSpec | 'start'
  readonly viewport?: { width: number; height: number }
  /** Brings the page into the state to capture, after it is connected. */
  readonly prepare?: (page: Page, ctx: ShotContext, language: Language) => Promise<void>
}

const DESK = { width: 1366, height: 768 }
const WALL = { width: 1920, height: 1080 }

export const SHOTS: readonly Shot[] = [
  { name: 'start', screen: () => 'start' },
  { name: 'reception', screen: () => ({ kind: 'reception' }) },
  { name: 'doctor', screen: ({ doctors }) => ({ kind: 'doctor', doctorId: doctors[0]?.id ?? 1 }) },
  { name: 'display', screen: () => ({ kind: 'display' }), viewport: WALL },
  { name: 'admin', screen: () => ({ kind: 'admin' }) },
]

const LANGUAGES: readonly Language[] = ['zh-CN', 'en']
const root = join(import.meta.dirname, '..')
const outDir = join(root, 'docs', 'screenshots')

async function main(only: readonly string[]): Promise<void> {
  const shots = only.length ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS
  if (shots.length === 0)
    throw new Error(
      `No shot named ${only.join(', ')}; known: ${SHOTS.map((s) => s.name).join(', ')}`,
    )
  const started = await startTestBrowserHost({ demo: true })
  const { host, server } = started
  const browser = await launchChromium()
  try {
    const directory = await host.dispatch(
      { role: 'admin', label: 'screenshots' },
      'directory.get',
      {},
    )
    const doctors = directory.ok ? (directory.value as { doctors: Doctor[] }).doctors : []
    const ctx: ShotContext = { host, url: server.url, doctors }
    mkdirSync(outDir, { recursive: true })
    for (const shot of shots) {
      for (const language of LANGUAGES) {
        const page = await browser.newPage({ viewport: shot.viewport ?? DESK, locale: language })
        const screen = shot.screen(ctx)
        if (screen === 'start') {
          await page.addInitScript(
            (lang) => globalThis.localStorage.setItem('clinicdesk.language', lang),
            language,
          )
          await page.goto(`${server.url}/`)
          await page.locator('[data-testid="login-form"]').waitFor({ timeout: 15_000 })
        } else {
          await openScreen(page, server.url, screen, language)
        }
        await shot.prepare?.(page, ctx, language)
        // Let data arrive and fonts settle, so the picture shows the screen as a person sees it.
        await page.evaluate(() => document.fonts.ready)
        await page.waitForTimeout(600)
        const file = join(outDir, `${shot.name}-${language}.png`)
        await page.screenshot({ path: file })
        console.log(`wrote ${file}`)
        await page.close()
      }
    }
  } finally {
    await browser.close()
    await started.stop()
  }
}

await main(process.argv.slice(2))
