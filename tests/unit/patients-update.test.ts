import { afterEach, beforeEach, expect, test } from 'vitest'
import type { MethodInput, Patient } from '../../src/shared/contract'
import { makeTestHost, manualClock, RECEPTION, type TestHost } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { selectRows } from '../helpers/engine-sql'

const clock = manualClock('2026-03-15T02:00:00Z')
let host: TestHost
let wang: Patient
beforeEach(async () => {
  clock.set('2026-03-15T02:00:00Z') // each test from the same minute, on either engine
  host = await makeTestHost({ clock })
  wang = await host.must(RECEPTION, 'patients.register', {
    name: '王芳',
    sex: 'F',
    phone: '13700001234',
    idNumber: '11010519491231002X',
  })
})
afterEach(() => host.dispose())

/** The editable fields of a patient, as the edit form sends them back. */
const form = ({
  id,
  name,
  sex,
  birthDate,
  phone,
  idNumber,
  note,
}: Patient): MethodInput<'patients.update'> => ({ id, name, sex, birthDate, phone, idNumber, note })
const snapshot = async () => ({
  patients: await selectRows(host, 'select * from patients order by id'),
  audit: await selectRows(host, 'select * from audit_log order by id'),
})

forEachEngine(() => {
  test('an edit is stored, re-keyed for search, and audited with before and after', async () => {
    clock.advance(60_000)
    const after = await host.must(RECEPTION, 'patients.update', {
      ...form(wang),
      name: '王芳芳',
      phone: '13700005678',
      note: '复诊',
    })
    expect(after).toEqual({ ...wang, name: '王芳芳', phone: '13700005678', note: '复诊' })
    expect(await host.must(RECEPTION, 'patients.get', { id: wang.id })).toEqual(after)
    const row = await host.database.read
      .selectFrom('patients')
      .select(['pinyin', 'initials', 'updated_at'])
      .where('id', '=', wang.id)
      .executeTakeFirst()
    expect(row).toEqual({
      pinyin: 'wangfangfang',
      initials: 'wff',
      updated_at: '2026-03-15T02:01:00.000Z',
    })
    const audit = await selectRows(
      host,
      "select action, before, after from audit_log where action = 'patients.update' order by id",
    )
    expect(audit).toEqual([
      { action: 'patients.update', before: JSON.stringify(wang), after: JSON.stringify(after) },
    ])
    expect((await host.must(RECEPTION, 'patients.search', { q: '5678' })).map((h) => h.id)).toEqual(
      [wang.id],
    )
  })

  test('an unknown patient is NOT_FOUND, for get and update alike', async () => {
    for (const result of [
      await host.call(RECEPTION, 'patients.get', { id: 999 }),
      await host.call(RECEPTION, 'patients.update', { ...form(wang), id: 999 }),
    ]) {
      expect(result.ok ? 'ok' : result.error).toMatchObject({
        code: 'NOT_FOUND',
        field: 'id',
        message: 'There is no patient #999.',
      })
    }
  })

  test('an edit that breaks a rule changes nothing', async () => {
    const zhang = await host.must(RECEPTION, 'patients.register', {
      name: '张伟',
      sex: 'M',
      phone: '13800138000',
      idNumber: '110101199003071233',
    })
    const before = await snapshot()
    const attempts: [MethodInput<'patients.update'>, string, string][] = [
      [
        { ...form(wang), idNumber: zhang.idNumber, sex: 'M', birthDate: null },
        'DUPLICATE_PATIENT',
        'idNumber',
      ],
      [{ ...form(wang), name: '张伟', phone: '13800138000' }, 'DUPLICATE_PATIENT', 'name'],
      [{ ...form(wang), sex: 'M' }, 'INVALID_INPUT', 'sex'],
      [{ ...form(wang), birthDate: '1950-01-01' }, 'INVALID_INPUT', 'birthDate'],
      [{ ...form(wang), phone: '12345' }, 'INVALID_INPUT', 'phone'],
    ]
    for (const [params, code, field] of attempts) {
      const result = await host.call(RECEPTION, 'patients.update', params)
      expect(result.ok ? 'ok' : result.error, JSON.stringify(params)).toMatchObject({ code, field })
    }
    expect(await snapshot()).toEqual(before)
  })

  test('keeping its own ID number is no duplicate; an accepted name + phone pair does not block later edits', async () => {
    const twin = await host.must(RECEPTION, 'patients.register', {
      name: '王芳',
      sex: 'F',
      phone: '13700001234',
      acceptDuplicate: true,
    })
    const edited = await host.must(RECEPTION, 'patients.update', {
      ...form(twin),
      note: '另一位王芳',
    })
    expect(edited.note).toBe('另一位王芳')
    expect(
      (await host.must(RECEPTION, 'patients.update', { ...form(wang), note: '本人' })).note,
    ).toBe('本人')
  })

  test('becoming the same name and phone as another patient asks first, then goes through when confirmed', async () => {
    const li = await host.must(RECEPTION, 'patients.register', {
      name: '李娜',
      sex: 'F',
      phone: '15800005678',
    })
    const change = { ...form(li), name: '王芳', phone: '13700001234' }
    const asked = await host.call(RECEPTION, 'patients.update', change)
    expect(asked.ok ? 'ok' : asked.error).toMatchObject({
      code: 'DUPLICATE_PATIENT',
      details: { matches: [{ id: wang.id, name: '王芳' }] },
    })
    expect(
      (await host.must(RECEPTION, 'patients.update', { ...change, acceptDuplicate: true })).name,
    ).toBe('王芳')
  })
})
