import { afterEach, describe, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY } from '../../src/shared/policy/rules'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

// Issue 14 part 6: the rules are read and replaced through the contract, audited, published live,
// and a bad figure changes nothing.

let host: TestHost
afterEach(() => host?.dispose())

/** Counts come back as strings from PostgreSQL. */
const auditCount = async (h: TestHost): Promise<number> =>
  Number(
    (
      await h.database.read
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

forEachEngine(() => {
  describe('policy.get and policy.update', () => {
    test('a new clinic has the practice figures with every switch off', async () => {
      host = await makeTestHost()
      expect(await host.must(RECEPTION, 'policy.get', {})).toEqual(INITIAL_POLICY)
    })

    test('an admin turns the rules on: stored, audited once, read back from memory', async () => {
      host = await makeTestHost()
      const before = await auditCount(host)
      expect(await host.must(ADMIN, 'policy.update', DEFAULT_POLICY)).toEqual(DEFAULT_POLICY)
      expect(await auditCount(host)).toBe(before + 1)
      expect(await host.must(RECEPTION, 'policy.get', {})).toEqual(DEFAULT_POLICY)
      // The same policy again is no change: no second audit row.
      await host.must(ADMIN, 'policy.update', DEFAULT_POLICY)
      expect(await auditCount(host)).toBe(before + 1)
    })

    test.each([
      ['release.daysAhead', { release: { ...DEFAULT_POLICY.release, daysAhead: -1 } }],
      ['cutoff.morning', { cutoff: { ...DEFAULT_POLICY.cutoff, morning: '12:30' } }],
      ['maxLive.limit', { maxLive: { enabled: true, limit: 21 } }],
    ])('bad %s → INVALID_INPUT on the field, nothing changed', async (field, patch) => {
      host = await makeTestHost()
      const before = await auditCount(host)
      const result = await host.call(ADMIN, 'policy.update', { ...DEFAULT_POLICY, ...patch })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
      expect(await auditCount(host)).toBe(before)
      expect(await host.must(ADMIN, 'policy.get', {})).toEqual(INITIAL_POLICY)
    })

    test('the desk may read the rules but not change them', async () => {
      host = await makeTestHost()
      const result = await host.call(RECEPTION, 'policy.update', DEFAULT_POLICY)
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })
})
