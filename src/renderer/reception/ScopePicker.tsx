import { useTranslation } from 'react-i18next'
import { useDirectory } from '../stores/directory'
import { selectDepartment, selectDoctor, useDesk } from './stores/desk'

/** Department → doctor. "Any doctor" shows the whole department's bands and books its earliest walk-in place. */
export function ScopePicker() {
  const { t } = useTranslation()
  const { departments, doctors } = useDirectory()
  const departmentId = useDesk((s) => s.departmentId)
  const doctorId = useDesk((s) => s.doctorId)
  const inDepartment = doctors.filter((d) => d.departmentId === departmentId && d.active)
  return (
    <div className="rx-scope">
      <label>
        <span>{t('reception.department')}</span>
        <select
          data-testid="rx-department"
          value={departmentId ?? ''}
          onChange={(e) => selectDepartment(e.target.value ? Number(e.target.value) : null)}
        >
          {departmentId === null ? <option value="">{t('reception.choose')}</option> : null}
          {departments
            .filter((d) => d.active)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>{t('reception.doctor')}</span>
        <select
          data-testid="rx-doctor"
          value={doctorId ?? ''}
          onChange={(e) => selectDoctor(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{t('reception.anyDoctor')}</option>
          {inDepartment.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} {d.title}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
