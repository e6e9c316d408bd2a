import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { methods } from '../../src/shared/contract'
import { ROLES, type Caller, type CallerRole } from '../../src/shared/roles'
import { makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * Who may call what, written out by hand and checked against the real dispatcher. A method
 * added to the contract without a row here fails the first test: its access must be decided,
 * not inherited by accident. "public" = callable before sign-in (and by every role).
 */
const EXPECTED: Record<string, string> = {
  'appointments.archive': 'admin',
  'appointments.book': 'admin reception',
  'appointments.cancel': 'admin reception',
  'appointments.checkIn': 'admin reception',
  'appointments.forDay': 'admin reception',
  'appointments.get': 'admin reception doctor',
  'appointments.reschedule': 'admin reception',
  'appointments.ticket': 'admin reception',
  'appointments.walkIn': 'admin reception',
  'audit.list': 'admin',
  'audit.verify': 'admin',
  'backup.create': 'admin',
  'backup.list': 'admin',
  'auth.changeSecret': 'admin reception doctor',
  'auth.lock': 'admin reception doctor',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.openDisplay': 'public',
  'auth.resume': 'public',
  'auth.status': 'public',
  'auth.switchUser': 'public',
  'auth.unlock': 'public',
  'departments.create': 'admin',
  'departments.update': 'admin',
  'directory.get': 'admin reception doctor display',
  'display.board': 'admin reception display',
  'doctors.create': 'admin',
  'doctors.update': 'admin',
  'fees.quote': 'admin reception',
  'fees.rules': 'admin reception',
  'fees.setRule': 'admin',
  'payments.forAppointment': 'admin reception',
  'payments.pay': 'admin reception',
  'payments.receipt': 'admin reception',
  'payments.refund': 'admin reception',
  'payments.refundSlip': 'admin reception',
  'payments.refundsDue': 'admin reception',
  'payments.paidStatus': 'admin reception doctor',
  'shifts.current': 'admin reception',
  'shifts.open': 'admin reception',
  'shifts.close': 'admin reception',
  'shifts.correct': 'admin reception',
  'shifts.get': 'admin reception',
  'shifts.list': 'admin',
  'money.month': 'admin',
  'holds.create': 'admin reception',
  'holds.release': 'admin reception',
  'holidays.list': 'admin reception',
  'holidays.remove': 'admin',
  'holidays.set': 'admin',
  'leave.affected': 'admin reception',
  'leave.create': 'admin',
  'leave.list': 'admin reception',
  'leave.reopen': 'admin',
  'patients.card': 'admin reception',
  'patients.get': 'admin reception',
  'patients.history': 'admin reception',
  'patients.merge': 'admin',
  'patients.register': 'admin reception',
  'patients.search': 'admin reception',
  'patients.update': 'admin reception',
  'reports.summary': 'admin doctor',
  // Money: a doctor sees whether a patient paid (payments.paidStatus), never the amount.
  'reports.revenue': 'admin',
  'exports.startAppointments': 'admin',
  'exports.startReport': 'admin',
  'exports.startDoctorReport': 'admin doctor',
  'exports.status': 'admin doctor',
  'exports.cancel': 'admin doctor',
  'exports.read': 'admin doctor',
  'fhir.export': 'admin',
  'queue.callNext': 'admin doctor',
  'queue.closeSession': 'admin doctor',
  'queue.complete': 'admin doctor',
  'queue.forDoctorDay': 'admin reception doctor',
  'queue.noShow': 'admin doctor reception',
  'queue.recall': 'admin doctor',
  'queue.recheckIn': 'admin doctor reception',
  'queue.skip': 'admin doctor',
  'queue.start': 'admin doctor',
  'queue.undo': 'admin doctor',
  'rooms.create': 'admin',
  'rooms.update': 'admin',
  'schedules.closeDay': 'admin',
  'schedules.generate': 'admin',
  'session.whoami': 'admin reception doctor display',
  'policy.get': 'admin reception doctor',
  'policy.liftSuspension': 'admin',
  'policy.markNoShows': 'admin',
  'policy.record': 'admin reception',
  'policy.suspended': 'admin',
  'policy.update': 'admin',
  'settings.get': 'admin reception doctor display',
  'settings.update': 'admin',
  'setup.init': 'public',
  'setup.status': 'public',
  'slots.calendar': 'admin reception',
  'slots.forDepartmentDay': 'admin reception',
  'slots.forDoctorDay': 'admin reception doctor',
  'slots.addExtra': 'admin reception doctor',
  'slots.addExtraToDay': 'admin reception doctor',
  'slots.extraForDay': 'admin reception doctor',
  'staff.clearSigninLimit': 'admin',
  'staff.create': 'admin',
  'staff.list': 'admin',
  'staff.resetSecret': 'admin',
  'staff.signinLimits': 'admin',
  'staff.unlock': 'admin',
  'staff.update': 'admin',
  'sync.since': 'admin reception doctor display',
  'templates.list': 'admin reception',
  'templates.remove': 'admin',
  'templates.save': 'admin',
  'waitlist.accept': 'admin reception',
  'waitlist.add': 'admin reception',
  'waitlist.callBacks': 'admin reception',
  'waitlist.calledBack': 'admin reception',
  'waitlist.cancel': 'admin reception',
  'waitlist.decline': 'admin reception',
  'waitlist.forPatient': 'admin reception',
  'waitlist.list': 'admin reception',
  'waitlist.position': 'admin reception',
  'waitlist.sweep': 'admin',
}

const CALLER_ROLES: readonly CallerRole[] = [...ROLES, 'guest']
const callerOf = (role: CallerRole): Caller =>
  role === 'doctor'
    ? { role, doctorId: 1, label: 'matrix-doctor' }
    : { role, label: `matrix-${role}` }

let host: TestHost
beforeAll(async () => void (host = await makeTestHost()))
afterAll(() => host?.dispose())

test('every method of the contract has a row, and every row a method', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(methods).sort())
})

test('the contract declares what the table says', () => {
  for (const [name, spec] of Object.entries(methods)) {
    const declared = (spec as { public?: boolean }).public
      ? 'public'
      : [...spec.roles].sort().join(' ')
    const expected =
      EXPECTED[name] === 'public' ? 'public' : (EXPECTED[name] ?? '').split(' ').sort().join(' ')
    expect(`${name}: ${declared}`).toBe(`${name}: ${expected}`)
  }
})

describe.each(Object.keys(methods).sort())('%s', (name) => {
  const allowed = (role: CallerRole): boolean =>
    EXPECTED[name] === 'public' ||
    (role !== 'guest' && (EXPECTED[name] ?? '').split(' ').includes(role))
  test.each(CALLER_ROLES)('as %s', async (role) => {
    // Empty params: an allowed caller gets past authorization (ok, or refused on its input);
    // a refused one is told so before its input is even looked at.
    const result = await host.dispatch(callerOf(role), name, {})
    if (allowed(role)) {
      if (!result.ok) expect(['FORBIDDEN', 'UNAUTHENTICATED']).not.toContain(result.error.code)
    } else {
      expect(result).toMatchObject({
        ok: false,
        error: { code: role === 'guest' ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
      })
    }
  })
})
