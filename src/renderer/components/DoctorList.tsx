import { useTranslation } from 'react-i18next'
import { useDirectory } from '../stores/directory'
import { ClampedText } from './ClampedText'

/** The clinic's doctors grouped by department; updates live when admin adds one. */
export function DoctorList() {
  const { t } = useTranslation()
  const { departments, doctors, loaded } = useDirectory()
  if (loaded && doctors.length === 0) return <p className="empty">{t('directory.noDoctors')}</p>
  return (
    <div className="dept-grid" data-testid="doctor-list">
      {departments.map((dept) => {
        const inDept = doctors.filter((d) => d.departmentId === dept.id)
        return (
          <section key={dept.id} className="card">
            <h3>
              <ClampedText text={dept.name} testId="dept-name" />{' '}
              <span className="muted">{t('directory.doctorCount', { count: inDept.length })}</span>
            </h3>
            <ul className="plain">
              {inDept.map((d) => (
                <li key={d.id} data-testid="doctor-item">
                  <strong>
                    <ClampedText text={d.name} />
                  </strong>{' '}
                  <span className="muted">{d.title}</span>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
