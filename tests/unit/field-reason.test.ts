import { expect, test } from 'vitest'
import { methods } from '../../src/shared/contract'
import { fieldIssue } from '../../src/shared/field-reason'
import { formatClinicTime, zoneShiftHours, zoneToday } from '../../src/shared/clinic-time'
import { countRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { makeTestHost, RECEPTION } from '../helpers/test-host'

// Issue 12 part 6: INVALID_INPUT says which field and why, from zod's issue or the service.

const issueOf = (method: keyof typeof methods, input: unknown) => {
  const parsed = methods[method].input.safeParse(input)
  if (parsed.success) throw new Error('expected a refusal')
  return fieldIssue(parsed.error.issues[0]!)
}

test('zod issues read as field + reason', () => {
  const patient = { name: '张三', sex: 'M' }
  expect(issueOf('patients.register', { ...patient, name: '' })).toEqual({
    field: 'name',
    reason: 'required',
    limit: 1,
  })
  expect(issueOf('patients.register', { ...patient, phone: '1380013' })).toEqual({
    field: 'phone',
    reason: 'pattern',
  })
  expect(issueOf('patients.register', { ...patient, birthDate: '2026-02-30' })).toEqual({
    field: 'birthDate',
    reason: 'notRealDay',
  })
  expect(issueOf('patients.register', { ...patient, sex: 'X' })).toEqual({
    field: 'sex',
    reason: 'choice',
  })
  expect(issueOf('patients.register', { sex: 'M' })).toEqual({ field: 'name', reason: 'required' })
  expect(issueOf('patients.register', { ...patient, name: 7 })).toEqual({
    field: 'name',
    reason: 'type',
  })
  expect(issueOf('patients.register', { ...patient, extra: 1 })).toEqual({
    field: 'extra',
    reason: 'unknownKey',
  })
  expect(issueOf('settings.update', { horizonDays: 999 })).toEqual({
    field: 'horizonDays',
    reason: 'tooBig',
    limit: 180,
  })
})

forEachEngine(() => {
  test('the host answers the reason: pattern, checksum, future birth date', async () => {
    const host = await makeTestHost()
    try {
      const register = (extra: Record<string, unknown>) =>
        host.call(RECEPTION, 'patients.register', { name: '张三', sex: 'U', ...extra })
      expect(await register({ phone: '123' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'phone', reason: 'pattern' },
      })
      // 11010519491231002X is valid; a changed last character breaks the checksum.
      expect(await register({ idNumber: '110105194912310021' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'idNumber', reason: 'checksum' },
      })
      expect(await register({ birthDate: '2999-01-01' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'birthDate', reason: 'future' },
      })
      expect(
        await register({ idNumber: '11010519491231002X', birthDate: '1950-01-01' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'birthDate', reason: 'mismatch' },
      })
      // Each refusal left nothing behind: no patient, no audit row.
      expect(await countRows(host, 'patients')).toBe(0)
      expect(await countRows(host, 'audit_log')).toBe(0)
    } finally {
      await host.dispose()
    }
  })
})

test('clinic times: the clinic zone and the screen language, whatever the PC zone', () => {
  const at = '2026-12-01T14:06:44Z'
  expect(formatClinicTime(at, 'zh-CN', 'Asia/Shanghai')).toBe('2026/12/01 22:06:44')
  expect(formatClinicTime(at, 'en', 'Asia/Shanghai')).toBe('12/01/2026, 22:06:44')
  expect(formatClinicTime(at, 'zh-CN', 'Asia/Urumqi', 'clock')).toBe('20:06')
  expect(formatClinicTime(at, 'en', 'America/New_York', 'date')).toBe('12/01/2026')
  expect(formatClinicTime('not a time', 'en', 'Asia/Shanghai')).toBe('not a time')
  expect(zoneShiftHours('Asia/Shanghai', 'Asia/Urumqi', new Date(at))).toBe(-2)
  expect(zoneShiftHours('Asia/Shanghai', 'Asia/Kolkata', new Date(at))).toBe(-2.5)
  expect(zoneToday('Asia/Shanghai', new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01')
})
