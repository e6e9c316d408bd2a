import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConnectionSession } from '../../src/main/host/connection'
import { methods } from '../../src/shared/contract'
import { ERROR_CODES } from '../../src/shared/errors'
import { engineOf, selectRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * Every method of the contract, 1,000 hostile inputs each, through the real dispatcher on a real
 * database: the answer is always a typed result (never a throw, never INTERNAL), and a refused
 * call leaves every table exactly as it was; an accepted one answers what its result schema says.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000)
/**
 * Fewer on PostgreSQL, to keep that half under 30 s in CI (every case is a few round trips to the
 * server): the same properties over a smaller sample. FUZZ_PG_RUNS=1000 for the full count.
 */
const PG_RUNS = Number(process.env.FUZZ_PG_RUNS ?? process.env.FUZZ_RUNS ?? 20)
/** Replays a failure that CI printed: FUZZ_SEED=<seed> (fast-check draws a new seed per run otherwise). */
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) }

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
    maxLength: 20,
  }),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => '字'.repeat(n)),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    "'; DROP TABLE staff; --",
    '%_\\',
    '\u202e\u0000',
    '2026-02-30',
    '25:61',
    '-1',
    'NaN',
    '',
  ),
)
const hostileScalar = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    -1,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    1e308,
    3.5,
  ),
  fc.integer(),
  fc.double(),
)
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value

/** The top-level keys a method's input schema knows, so that fuzzing reaches past "unknown key". */
function keysOf(schema: unknown): string[] {
  const s = schema as {
    shape?: Record<string, unknown>
    def?: { in?: unknown; innerType?: unknown }
  }
  if (s.shape) return Object.keys(s.shape)
  return s.def?.in ? keysOf(s.def.in) : s.def?.innerType ? keysOf(s.def.innerType) : []
}

/** A hostile object with own "__proto__" / "constructor" keys, as JSON.parse makes them. */
const protoKeys = (base: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify({ ...base })
      .replace(
        /^\{/,
        '{"__proto__":{"role":"admin","polluted":1},"constructor":{"prototype":{"x":1}},',
      )
      .replace(/,}$/, '}'),
  )

function paramsFor(name: string): fc.Arbitrary<unknown> {
  const keys = keysOf(methods[name as keyof typeof methods].input)
  const known = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] })
    : fc.constant({})
  return fc.oneof(
    hostileValue,
    known,
    known.chain((o) =>
      fc
        .tuple(hostileString, hostileValue)
        .map(([k, v]) => ({ ...(o as object), [k || 'extra']: v })),
    ),
    known.map((o) => protoKeys(o as Record<string, unknown>)),
  )
}

let host: TestHost
/** Sign-in attempts from this computer are delayed for good (seeded below): no scrypt per case. */
const throttled = new ConnectionSession({ kind: 'socket', origin: 'fuzz' })

/**
 * A digest of every row of every table. On SQLite the statements are prepared once (this runs for
 * every case); on PostgreSQL the whole database is one statement, one round trip: each table's
 * rows as text, sorted, digested by the server.
 */
let digest: (() => string | Promise<string>) | undefined
async function checksum(): Promise<string> {
  digest ??= await prepareDigest()
  return digest()
}
async function prepareDigest(): Promise<() => string | Promise<string>> {
  if (engineOf(host) === 'postgres') {
    const tables = await selectRows<{ name: string }>(
      host,
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    )
    const text = `select ${tables
      .map(
        ({ name }) =>
          `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "${name}" t) as "${name}"`,
      )
      .join(', ')}`
    return async () => JSON.stringify(await selectRows(host, text))
  }
  const sqlite = host.database.sqlite
  const statements = (
    sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[]
  ).map(({ name }) => {
    const statement = sqlite.prepare(`select * from "${name}"`).raw()
    return { name, all: () => statement.all() }
  })
  return () => {
    const hash = createHash('sha256')
    for (const t of statements) hash.update(t.name).update(JSON.stringify(t.all()))
    return hash.digest('hex')
  }
}

forEachEngine((engine) => {
  beforeAll(async () => {
    host = await makeTestHost()
    const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
    const doctor = await host.must(ADMIN, 'doctors.create', {
      name: '王建国',
      departmentId: dept.id,
    })
    await host.must(ADMIN, 'staff.create', {
      name: '王建国',
      username: 'wang',
      role: 'doctor',
      doctorId: doctor.id,
      secret: '314159',
    })
    // As if this computer had guessed wrong many times: every sign-in from it is refused unchecked.
    await host.database.units.db
      .insertInto('signin_computers')
      .values({
        address: 'fuzz',
        failures: 99,
        delayed_until: '9999-01-01T00:00:00.000Z',
        last_failure_at: '2026-01-01T00:00:00.000Z',
      })
      .execute()
  })
  afterAll(async () => {
    await host?.dispose()
    digest = undefined
  })

  const runs = engine === 'postgres' ? PG_RUNS : RUNS
  describe.each(Object.keys(methods).sort())('%s', (name) => {
    test(`${runs} hostile inputs: typed answers, nothing written when refused`, async () => {
      let before = await checksum()
      await fc.assert(
        fc.asyncProperty(paramsFor(name), async (params) => {
          const result = await host.dispatch(ADMIN, name, params, throttled)
          expect(typeof result.ok).toBe('boolean')
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.error.code)
            expect(result.error.code).not.toBe('INTERNAL')
            expect(await checksum()).toBe(before)
          } else {
            // What the host answers is what the contract promises: the client trusts its result type.
            const parsed = methods[name as keyof typeof methods].result.safeParse(result.value)
            expect(
              parsed.error?.issues,
              `${name}'s result against its result schema`,
            ).toBeUndefined()
            before = await checksum() // an accepted call may write: compare later refusals with the new state
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        }),
        { numRuns: runs, ...SEED },
      )
      expect(await host.call(ADMIN, 'session.whoami', {})).toMatchObject({ ok: true })
    }, 300_000) // 1,000 cases take 10–45 s on two shared cores
  })
})
