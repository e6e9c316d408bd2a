import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Department } from '../../../shared/contract'
import { bridge } from '../../api/bridge'
import { useSubmit } from '../../components/useSubmit'
import { useDirectory } from '../../stores/directory'
import { AddDepartmentForm } from './AddDepartmentForm'

/** One department: its name and whether it takes bookings; edited in place. */
function DepartmentRow({ department, doctorCount }: { department: Department; doctorCount: number }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(department.name)
  const [active, setActive] = useState(department.active)
  const { run, busy, errorText } = useSubmit(
    () => bridge.call('departments.update', { id: department.id, name, active }),
    () => setEditing(false),
  )
  if (!editing) {
    return (
      <tr data-testid="department-row" data-department-id={department.id} className={department.active ? undefined : 'inactive'}>
        <td>{department.name}</td>
        <td className="num">{doctorCount}</td>
        <td>{department.active ? t('admin.directory.active') : t('admin.directory.inactive')}</td>
        <td className="actions">
          <button
            type="button"
            onClick={() => {
              setName(department.name)
              setActive(department.active)
              setEditing(true)
            }}
          >
            {t('admin.edit')}
          </button>
        </td>
      </tr>
    )
  }
  return (
    <tr data-testid="department-row" data-department-id={department.id} className="editing">
      <td>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} aria-label={t('admin.departmentName')} name="editDepartmentName" />
      </td>
      <td className="num">{doctorCount}</td>
      <td>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>{t('admin.directory.active')}</span>
        </label>
      </td>
      <td className="actions">
        <button type="button" className="primary" disabled={busy || !name.trim()} onClick={() => void run()}>
          {t('admin.save')}
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          {t('admin.cancel')}
        </button>
        {errorText ? <div className="error">{errorText}</div> : null}
      </td>
    </tr>
  )
}

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
            <DepartmentRow key={d.id} department={d} doctorCount={doctors.filter((doc) => doc.departmentId === d.id).length} />
          ))}
        </tbody>
      </table>
      {departments.length === 0 ? <p className="empty">{t('admin.directory.noDepartments')}</p> : null}
    </section>
  )
}
