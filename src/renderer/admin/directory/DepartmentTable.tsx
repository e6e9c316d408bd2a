import { useTranslation } from 'react-i18next'
import { updateDepartment } from '../stores/directory'
import { useDirectory } from '../../stores/directory'
import { AddDepartmentForm } from './AddNamedForm'
import { NamedRow } from './NamedRow'

/** The clinic's departments with their doctor counts, and the form that adds one. */
export function DepartmentTable() {
  const { t } = useTranslation()
  const { departments, doctors } = useDirectory()
  return (
    <section className="card" aria-labelledby="departments-heading">
      <h2 id="departments-heading">{t('directory.departments')}</h2>
      <AddDepartmentForm />
      <table className="grid" data-testid="department-table">
        <thead>
          <tr>
            <th>{t('admin.departmentName')}</th>
            <th className="num">{t('directory.doctors')}</th>
            <th>{t('admin.directory.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => (
            <NamedRow
              key={d.id}
              item={d}
              detail={
                <td className="num">{doctors.filter((doc) => doc.departmentId === d.id).length}</td>
              }
              nameLabel={t('admin.departmentName')}
              testId="department-row"
              save={(change) => updateDepartment(change)}
            />
          ))}
        </tbody>
      </table>
      {departments.length === 0 ? (
        <p className="empty">{t('admin.directory.noDepartments')}</p>
      ) : null}
    </section>
  )
}
