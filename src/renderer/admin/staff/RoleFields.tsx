import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { STAFF_ROLES, type StaffRole } from '../../../shared/contract'
import { DoctorSelect } from '../common/DoctorSelect'

/** An account's role, and its doctor when the role is doctor: the pair both account forms ask for. */
export function RoleFields({
  role,
  onRole,
  doctorId,
  onDoctor,
  names,
  doctorHint,
}: {
  role: StaffRole
  onRole: (role: StaffRole) => void
  doctorId: string
  onDoctor: (doctorId: string) => void
  /** Form field names (tests and the browser's autofill address the fields by them). */
  names: { role: string; doctor: string }
  /** Shown under the doctor picker, e.g. the field's error. */
  doctorHint?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <>
      <label>
        <span>{t('admin.staff.role')}</span>
        <select
          value={role}
          onChange={(e) => onRole(e.target.value as StaffRole)}
          name={names.role}
        >
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`admin.staff.roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'doctor' ? (
        <label>
          <span>{t('admin.staff.doctor')}</span>
          <DoctorSelect value={doctorId} onChange={onDoctor} name={names.doctor} />
          {doctorHint}
        </label>
      ) : null}
    </>
  )
}
