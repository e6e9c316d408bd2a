import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { MethodInput } from '../../src/shared/contract'
import { forEachEngine } from '../helpers/engines'
import {
  ADMIN,
  DISPLAY,
  makeTestHost,
  manualClock,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

// 10:00 in Shanghai on 2026-03-15 (the clinic's default zone).
const clock = manualClock('2026-03-15T02:00:00Z')
let host: TestHost
beforeEach(async () => void (host = await makeTestHost({ clock })))
afterEach(() => host.dispose())

const zhangWei: MethodInput<'patients.register'> = {
  name: '张伟',
  sex: 'M',
  birthDate: '1990-03-07',
  phone: '13800138000',
  idNumber: '110101199003071233',
}

const count = async (table: 'patients' | 'audit_log'): Promise<number> => {
  const { n } = await host.database.read
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n) // PostgreSQL's count is a bigint, which arrives as a string
}

forEachEngine(() => {
  describe('patients.register', () => {
    test('stores the patient with its pinyin keys and an audit row', async () => {
      const patient = await host.must(RECEPTION, 'patients.register', {
        ...zhangWei,
        note: '青霉素过敏',
      })
      expect(patient).toMatchObject({
        name: '张伟',
        sex: 'M',
        birthDate: '1990-03-07',
        phone: '13800138000',
        idNumber: '110101199003071233',
        note: '青霉素过敏',
      })
      expect(patient.createdAt).toBe('2026-03-15T02:00:00.000Z')
      const row = await host.database.read
        .selectFrom('patients')
        .select(['pinyin', 'initials'])
        .where('id', '=', patient.id)
        .executeTakeFirst()
      expect(row).toEqual({ pinyin: 'zhangwei', initials: 'zw' })
      const audit = await host.database.read
        .selectFrom('audit_log')
        .select(['actor', 'action', 'entity', 'entity_id', 'before', 'after'])
        .where('entity', '=', 'patient')
        .execute()
      expect(audit).toEqual([
        {
          actor: 'test-desk',
          action: 'patients.register',
          entity: 'patient',
          entity_id: patient.id,
          before: null,
          after: JSON.stringify(patient),
        },
      ])
      expect(await host.must(ADMIN, 'patients.get', { id: patient.id })).toEqual(patient)
    })

    test('reads a polyphonic surname as a surname: 单 shan, 曾 zeng', async () => {
      await host.must(RECEPTION, 'patients.register', { name: '单小红', sex: 'F' })
      await host.must(RECEPTION, 'patients.register', { name: '曾国藩', sex: 'M' })
      expect(
        await host.database.read
          .selectFrom('patients')
          .select(['pinyin', 'initials'])
          .orderBy('id')
          .execute(),
      ).toEqual([
        { pinyin: 'shanxiaohong', initials: 'sxh' },
        { pinyin: 'zengguofan', initials: 'zgf' },
      ])
    })

    test('fills birth date and sex from the ID number when they are left out', async () => {
      const patient = await host.must(RECEPTION, 'patients.register', {
        name: '李娜',
        sex: 'U',
        idNumber: '11010519491231002x',
      })
      expect(patient).toMatchObject({
        birthDate: '1949-12-31',
        sex: 'F',
        idNumber: '11010519491231002X',
      })
    })

    test('only the desk and admin may register', async () => {
      const result = await host.call(DISPLAY, 'patients.register', zhangWei)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('FORBIDDEN')
    })
  })

  describe('patients.register refuses bad input, names the field, writes nothing', () => {
    test.each<[string, Partial<MethodInput<'patients.register'>>, string, RegExp]>([
      ['empty name', { name: '  ' }, 'name', /./],
      ['bad sex', { sex: 'X' as 'M' }, 'sex', /./],
      ['landline', { phone: '01062345678' }, 'phone', /mobile/],
      ['short mobile', { phone: '1380013800' }, 'phone', /mobile/],
      ['ID of 17 digits', { idNumber: '11010119900307123' }, 'idNumber', /18-character/],
      [
        'ID with a wrong check digit',
        { idNumber: '110101199003071234' },
        'idNumber',
        /last character does not match/,
      ],
      ['ID with no such day', { idNumber: '110101199002300009' }, 'idNumber', /./],
      [
        'birth date in the future',
        { birthDate: '2026-03-16', idNumber: null },
        'birthDate',
        /in the future \(today is 2026-03-15\)/,
      ],
      [
        'birth date that does not exist',
        { birthDate: '1990-02-30', idNumber: null },
        'birthDate',
        /not a real day/,
      ],
      [
        'birth date before 1900',
        { birthDate: '1880-01-01', idNumber: null },
        'birthDate',
        /before 1900/,
      ],
      [
        'ID number born before 1900',
        { birthDate: null, idNumber: '440524188001010014' },
        'idNumber',
        /gives the birth date 1880-01-01, which is before 1900/,
      ],
      [
        'ID number born in the future',
        { birthDate: null, idNumber: '110101202703071239' },
        'idNumber',
        /future/,
      ],
      [
        'birth date not matching the ID',
        { birthDate: '1990-03-08' },
        'birthDate',
        /does not match the ID number, which gives 1990-03-07/,
      ],
      [
        'sex not matching the ID',
        { sex: 'F' },
        'sex',
        /ID number says male \(its 17th digit is odd\)/,
      ],
    ])('%s', async (_what, change, field, message) => {
      const params = { ...zhangWei, ...change }
      const result = await host.call(RECEPTION, 'patients.register', params)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error).toMatchObject({ code: 'INVALID_INPUT', field })
      expect(result.error.message).toMatch(message)
      expect(await count('patients')).toBe(0)
      expect(await count('audit_log')).toBe(0)
    })
  })

  describe('duplicates', () => {
    test('the same ID number is always refused, even when the desk accepts duplicates', async () => {
      const first = await host.must(RECEPTION, 'patients.register', zhangWei)
      const result = await host.call(RECEPTION, 'patients.register', {
        ...zhangWei,
        name: '张卫',
        phone: null,
        acceptDuplicate: true,
      })
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'DUPLICATE_PATIENT',
          field: 'idNumber',
          message: `This ID number is already registered to 张伟 (#${first.id}).`,
          details: { matches: [{ id: first.id, name: '张伟' }], acceptable: false },
        },
      })
      expect(await count('patients')).toBe(1)
      expect(await count('audit_log')).toBe(1)
    })

    test('the same name and phone is refused with the matches, then accepted when confirmed', async () => {
      const first = await host.must(RECEPTION, 'patients.register', zhangWei)
      const again = { ...zhangWei, idNumber: null, birthDate: '1988-01-01' }
      const result = await host.call(RECEPTION, 'patients.register', again)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error).toMatchObject({
        code: 'DUPLICATE_PATIENT',
        field: 'name',
        details: { matches: [{ id: first.id, name: '张伟' }], acceptable: true },
      })
      expect(result.error.message).toMatch(/same name and phone/)
      expect(await count('patients')).toBe(1)

      const second = await host.must(RECEPTION, 'patients.register', {
        ...again,
        acceptDuplicate: true,
      })
      expect(second.id).not.toBe(first.id)
      expect(await count('patients')).toBe(2)
    })

    test('the same name with another phone, or the same phone with another name, is no duplicate', async () => {
      await host.must(RECEPTION, 'patients.register', zhangWei)
      await host.must(RECEPTION, 'patients.register', {
        ...zhangWei,
        idNumber: null,
        phone: '13900139000',
      })
      await host.must(RECEPTION, 'patients.register', {
        name: '王芳',
        sex: 'F',
        phone: zhangWei.phone,
      })
      expect(await count('patients')).toBe(3)
    })
  })
})
