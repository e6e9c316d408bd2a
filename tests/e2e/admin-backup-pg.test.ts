// Issue 15 part 5: on PostgreSQL the backup panel says the database server makes the backups and
// shows the pg_dump command, in place of a folder and a "back up now" button.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { useDatabases } from '../helpers/test-host'
import { eventually } from './admin-fixtures'

describe.skipIf(pgSkipReason !== undefined)(
  `admin backups on PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let browser: Browser
    let started: Awaited<ReturnType<typeof startTestBrowserHost>>
    beforeAll(async () => {
      cluster = await startPgCluster()
      useDatabases(() => cluster.database())
      browser = await launchChromium()
      started = await startTestBrowserHost()
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
      await started?.stop()
      useDatabases(undefined)
      cluster?.stop()
    })

    test.each(['zh-CN', 'en'] as const)(
      'the panel shows the pg_dump command and no backup button (%s)',
      async (language) => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
        await openScreen(page, started.url, { kind: 'admin' }, language)
        await page.getByTestId('nav-settings').click()
        const panel = page.getByTestId('backup-panel')
        await eventually(() => panel.getByTestId('backup-command').textContent()).toMatch(
          /^pg_dump --format=custom --file=clinic-\$\(date \+%F\)\.dump "postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+"$/,
        )
        expect(await panel.getByTestId('backup-now').count()).toBe(0)
        expect(await panel.getByTestId('backup-folder').count()).toBe(0)
        expect(await panel.textContent()).toContain(
          language === 'zh-CN' ? '备份由数据库服务器负责' : "backups are the database server's job",
        )
        await panel.scrollIntoViewIfNeeded()
        await docShot(page, `admin-backups-pg-${language}`)
        await page.close()
      },
    )
  },
)
