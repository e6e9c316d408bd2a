import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

/** The pictures the README and the user guide show. */
const DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')

/** SCREENSHOTS=1 rewrites docs/screenshots; any other test run leaves the tree as it found it. */
export const writingScreenshots = process.env.SCREENSHOTS === '1'

/**
 * A picture of the page for docs/screenshots/<name>.png. It is taken either way, so the test runs
 * the same (a page that cannot be captured still fails it), and written only with SCREENSHOTS=1.
 *
 * @example await docShot(page, `display-board-${lang}`)
 */
export async function docShot(page: Page, name: string): Promise<void> {
  if (!writingScreenshots) {
    await page.screenshot()
    return
  }
  mkdirSync(DIR, { recursive: true })
  await page.screenshot({ path: join(DIR, `${name}.png`) })
}
