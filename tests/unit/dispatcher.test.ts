import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { systemClock } from '../../src/main/db/clock'
import { Writer } from '../../src/main/db/write'
import { createDispatcher, type Dispatch } from '../../src/main/host/dispatcher'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { handlers } from '../../src/main/services'
import type { Handlers } from '../../src/main/services/context'
import { mergeTables } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import {
  ADMIN,
  DISPLAY,
  doctorCaller,
  makeTestHost,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

let host: TestHost
let published: PublishedEvent[]

beforeEach(async () => {
  host = await makeTestHost()
  published = []
  host.bus.subscribe((e) => void published.push(e))
})
afterEach(() => host.dispose())

const rows = (table: string): number =>
  (host.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
const nothingWritten = (): void => {
  expect([rows('departments'), rows('doctors'), rows('audit_log')]).toEqual([0, 0, 0])
  expect(published).toEqual([])
}

describe('validate', () => {
  test.each([
    ['an empty name', { name: '' }, 'name'],
    ['a name too long', { name: '科'.repeat(51) }, 'name'],
    ['a name of the wrong type', { name: 42 }, 'name'],
    ['no name at all', {}, 'name'],
  ])('%s → INVALID_INPUT naming the field, nothing written', async (_what, params, field) => {
    const result = await host.call(ADMIN, 'departments.create', params as never)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    nothingWritten()
  })

  test('an unknown key is refused and named', async () => {
    const result = await host.call(ADMIN, 'departments.create', {
      name: '内科',
      isAdmin: true,
    } as never)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'isAdmin' } })
    nothingWritten()
  })

  test('a nested field is named by its path', async () => {
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    const result = await host.call(ADMIN, 'doctors.create', { name: '王医生', departmentId: -1 })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'departmentId' },
    })
  })

  test('params that are not an object are INVALID_INPUT, not a crash', async () => {
    for (const params of ['x', 7, [], true, null]) {
      expect(await host.call(ADMIN, 'departments.create', params as never)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    nothingWritten()
  })

  test('a value that cannot even be compared (zod throws reading it) is INVALID_INPUT, not a crash', async () => {
    // Straight from JSON, as a socket would send it: zod runs a string's length checks on any
    // object with a `length`, and comparing this one throws ("Cannot convert object to primitive value").
    const params = JSON.parse('{"name": {"length": {"valueOf": 0, "toString": 0}}}') as never
    expect(await host.call(ADMIN, 'departments.create', params)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    nothingWritten()
  })

  test('defaults from the schema reach the service', async () => {
    const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
    expect(
      await host.must(ADMIN, 'doctors.create', { name: '王医生', departmentId: dept.id }),
    ).toMatchObject({ title: '', roomId: null })
  })
})

describe('authorize', () => {
  test.each([
    ['reception', RECEPTION],
    ['a doctor', doctorCaller(1)],
    ['the display', DISPLAY],
  ])('%s may not add a department: FORBIDDEN and nothing written', async (_who, caller) => {
    expect(await host.call(caller, 'departments.create', { name: '内科' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    nothingWritten()
  })

  test('the role is checked before the input: a caller who may not call learns nothing of its shape', async () => {
    expect(await host.call(RECEPTION, 'departments.create', { bogus: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('unknown methods', () => {
  test.each(['nope.nothing', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])(
    '%j → UNKNOWN_METHOD',
    async (name) => {
      const result = await host.dispatch(ADMIN, name, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    },
  )
})

describe('errors from a service', () => {
  const secret = 'SQLITE_CORRUPT at /home/clinic/secret-path.sqlite'
  let dispatch: Dispatch
  beforeEach(() => {
    const writer = new Writer(host.database, host.bus, systemClock)
    const table: Handlers = {
      ...handlers,
      'departments.create': async () => {
        throw new Error(secret)
      },
      'rooms.create': (input, ctx) =>
        ctx.write(async ({ tx, now, emit }) => {
          await tx.insertInto('departments').values({ name: input.name, created_at: now }).execute()
          emit('directory.changed', { departmentIds: [1], doctorIds: [], roomIds: [] })
          throw new TypeError(`half-way: ${secret}`)
        }),
      'departments.update': async () => {
        throw new AppError('NOT_FOUND', { field: 'id' })
      },
    }
    dispatch = createDispatcher(table, {
      read: host.database.read,
      snapshots: host.database.snapshots,
      writer,
      clock: systemClock,
    })
  })

  test('a thrown non-AppError becomes INTERNAL with the generic sentence; the detail stays in the host log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await dispatch(ADMIN, 'departments.create', { name: '内科' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on the host. Nothing was changed.',
      },
    })
    expect(JSON.stringify(result)).not.toContain('secret')
    expect(String(logged.mock.calls[0]?.[1])).toContain(secret)
    logged.mockRestore()
  })

  test('a throw inside a write rolls it back: INTERNAL, nothing written, nothing published', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await dispatch(ADMIN, 'rooms.create', { name: '1诊室' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    logged.mockRestore()
    nothingWritten()
  })

  test('an AppError keeps its code and field', async () => {
    expect(await dispatch(ADMIN, 'departments.update', { id: 9, name: 'x', active: true })).toEqual(
      {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'That record no longer exists.', field: 'id' },
      },
    )
  })
})

describe('the contract table', () => {
  test('a method name declared twice stops the host at start', () => {
    expect(() => mergeTables({ 'a.b': 1, 'c.d': 2 }, { 'a.b': 3 })).toThrow(
      'Contract: "a.b" is declared twice',
    )
    expect(mergeTables({ 'a.b': 1 }, { 'c.d': 2 })).toEqual({ 'a.b': 1, 'c.d': 2 })
  })
})
