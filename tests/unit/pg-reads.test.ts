import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import type { Handles } from '../../src/main/db/handles'
import { migratePg } from '../../src/main/db/pg/migrate-pg'
import { PG_MIGRATIONS } from '../../src/main/db/pg/migrations-pg'
import { openPgHandles } from '../../src/main/db/pg/handles-pg'
import type { Kysely } from 'kysely'
import type { DB } from '../../src/main/db/schema'
import { searchPatients } from '../../src/main/services/patients/search'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { tempDir } from '../helpers/temp-dir'

const NOW = '2026-12-02T00:00:00Z'
const PATIENTS = [
  {
    name: '张伟',
    pinyin: 'zhangwei',
    initials: 'zw',
    phone: '13800138000',
    id_number: '110105199001011234',
  },
  {
    name: '张小伟',
    pinyin: 'zhangxiaowei',
    initials: 'zxw',
    phone: '13900001234',
    id_number: null,
  },
  {
    name: '阿卜杜·热合曼',
    pinyin: 'abuduiheman',
    initials: 'abdrhm',
    phone: null,
    id_number: '650102198805054321',
  },
  {
    name: '单小红',
    pinyin: 'shanxiaohong',
    initials: 'sxh',
    phone: '13700005678',
    id_number: '110105200202021111',
  },
]

async function load(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('patients')
    .values(
      PATIENTS.map((p, i) => ({
        id: i + 1,
        sex: 'U' as const,
        created_at: NOW,
        updated_at: NOW,
        ...p,
      })),
    )
    .execute()
}

describe.skipIf(pgSkipReason)(
  `the same reads on SQLite and PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let lite: OpenedDatabase
    let pgh: Handles
    const dir = tempDir()
    beforeAll(async () => {
      cluster = await startPgCluster()
      const url = await cluster.database()
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await migratePg(client, PG_MIGRATIONS)
      await client.end()
      pgh = openPgHandles(url)
      lite = openDatabase(dir.file('clinic.db'))
      await load(lite.units.db)
      await load(pgh.units.db)
    }, 60_000)
    afterAll(async () => {
      await pgh?.destroy()
      await lite?.close()
      cluster?.stop()
    })

    test('patient search: pinyin initials, names, substrings across a ·, numbers', async () => {
      for (const q of [
        'zw',
        'zhang',
        '张伟',
        '张',
        '伟',
        '杜热',
        '小红',
        '1234',
        '110105',
        '138',
        '13800138000',
      ]) {
        const onLite = await searchPatients(lite.read, q, 20)
        expect({ q, rows: await searchPatients(pgh.read, q, 20) }).toEqual({ q, rows: onLite })
      }
      expect((await searchPatients(pgh.read, 'zw', 20))[0]?.name).toBe('张伟')
    })
  },
)
