import { useTranslation } from 'react-i18next'
import { useDirectory } from '../../stores/directory'

export interface DoctorDraft {
  readonly name: string
  readonly title: string
  /** '' until chosen: a select's value. */
  readonly departmentId: string
  readonly roomId: string
  readonly active: boolean
}

export const emptyDoctor: DoctorDraft = {
  name: '',
  title: '',
  departmentId: '',
  roomId: '',
  active: true,
}

/** The fields a doctor has, shared by the add form and the edit row so the two never differ. */
export function DoctorFields({
  draft,
  onChange,
  showActive,
}: {
  draft: DoctorDraft
  onChange: (d: DoctorDraft) => void
  showActive?: boolean
}) {
  const { t } = useTranslation()
  const { departments, rooms } = useDirectory()
  const set = (patch: Partial<DoctorDraft>) => onChange({ ...draft, ...patch })
  return (
    <>
      <label>
        <span>{t('admin.doctorName')}</span>
        <input
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          maxLength={50}
          required
          name="doctorName"
        />
      </label>
      <label>
        <span>{t('admin.doctorTitle')}</span>
        <input
          value={draft.title}
          onChange={(e) => set({ title: e.target.value })}
          maxLength={200}
          name="doctorTitle"
          placeholder={t('admin.directory.titleHint')}
        />
      </label>
      <label>
        <span>{t('admin.department')}</span>
        <select
          value={draft.departmentId}
          onChange={(e) => set({ departmentId: e.target.value })}
          required
          name="departmentId"
        >
          <option value="">{t('admin.choose')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.active ? d.name : t('admin.directory.inactiveName', { name: d.name })}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.directory.room')}</span>
        <select
          value={draft.roomId}
          onChange={(e) => set({ roomId: e.target.value })}
          name="roomId"
        >
          <option value="">{t('admin.directory.noRoom')}</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {showActive ? (
        <label className="check">
          <input
            type="checkbox"
            checked={draft.active}
            onChange={(e) => set({ active: e.target.checked })}
            name="active"
          />
          <span>{t('admin.directory.active')}</span>
        </label>
      ) : null}
    </>
  )
}

/** The contract's doctor fields from a draft. */
export const doctorInput = (d: DoctorDraft) => ({
  name: d.name,
  title: d.title,
  departmentId: Number(d.departmentId),
  roomId: d.roomId ? Number(d.roomId) : null,
})
