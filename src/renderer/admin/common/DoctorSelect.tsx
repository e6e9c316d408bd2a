import { useTranslation } from 'react-i18next'
import { useDirectory } from '../../stores/directory'

/**
 * A doctor picker grouped by department, active doctors only unless told otherwise.
 * The value is the doctor's id as a string ('' = none chosen), as a select holds it.
 */
export function DoctorSelect({
  value,
  onChange,
  name,
  only,
  required,
  emptyLabel,
}: {
  value: string
  onChange: (value: string) => void
  name: string
  /** Narrows the choice, e.g. to the other doctors of one department. */
  only?: (doctor: { id: number; departmentId: number; active: boolean }) => boolean
  required?: boolean
  /** What '' reads as: "Choose…" in a form, "All" in a filter. */
  emptyLabel?: string
}) {
  const { t } = useTranslation()
  const { departments, doctors } = useDirectory()
  const shown = doctors.filter((d) => (only ? only(d) : d.active))
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      name={name}
      required={required}
    >
      <option value="">{emptyLabel ?? t('admin.choose')}</option>
      {departments.map((dept) => {
        const inDept = shown.filter((d) => d.departmentId === dept.id)
        if (inDept.length === 0) return null
        return (
          <optgroup key={dept.id} label={dept.name}>
            {inDept.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title ? `${d.name} · ${d.title}` : d.name}
              </option>
            ))}
          </optgroup>
        )
      })}
    </select>
  )
}
