import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Doctor } from '../../../shared/contract'
import { updateDoctor } from '../stores/directory'
import { useSubmit } from '../../components/useSubmit'
import { useDirectory } from '../../stores/directory'
import { AddDoctorForm } from './AddDoctorForm'
import { DoctorFields, doctorInput, type DoctorDraft } from './DoctorFields'

const draftOf = (d: Doctor): DoctorDraft => ({
  name: d.name,
  title: d.title,
  departmentId: String(d.departmentId),
  roomId: d.roomId === null ? '' : String(d.roomId),
  active: d.active,
})

/** A doctor being edited: the same fields as the add form, across the whole row. */
function DoctorEditRow({ doctor, onDone }: { doctor: Doctor; onDone: () => void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(() => draftOf(doctor))
  const { run, busy, errorText } = useSubmit(
    () => updateDoctor({ id: doctor.id, ...doctorInput(draft), active: draft.active }),
    onDone,
  )
  return (
    <tr className="editing" data-testid="doctor-item">
      <td colSpan={6}>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void run()
          }}
          data-testid="edit-doctor"
        >
          <DoctorFields draft={draft} onChange={setDraft} showActive />
          <button className="primary" disabled={busy || !draft.name.trim() || !draft.departmentId}>
            {t('admin.save')}
          </button>
          <button type="button" onClick={onDone}>
            {t('admin.cancel')}
          </button>
          {errorText ? <span className="error">{errorText}</span> : null}
        </form>
      </td>
    </tr>
  )
}

/** Every doctor with department, room and state; a row opens for editing in place. */
export function DoctorTable() {
  const { t } = useTranslation()
  const { departments, doctors, rooms } = useDirectory()
  const [editingId, setEditingId] = useState<number | null>(null)
  const departmentName = (id: number) => departments.find((d) => d.id === id)?.name ?? '—'
  const roomName = (id: number | null) =>
    id === null ? '—' : (rooms.find((r) => r.id === id)?.name ?? '—')
  return (
    <section className="card" aria-labelledby="doctors-heading">
      <h2 id="doctors-heading">{t('directory.doctors')}</h2>
      <AddDoctorForm />
      <table className="grid" data-testid="doctor-list">
        <thead>
          <tr>
            <th>{t('admin.doctorName')}</th>
            <th>{t('admin.doctorTitle')}</th>
            <th>{t('admin.department')}</th>
            <th>{t('admin.directory.room')}</th>
            <th>{t('admin.directory.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {doctors.map((d) =>
            d.id === editingId ? (
              <DoctorEditRow key={d.id} doctor={d} onDone={() => setEditingId(null)} />
            ) : (
              <tr
                key={d.id}
                data-testid="doctor-item"
                className={d.active ? undefined : 'inactive'}
              >
                <td>
                  <strong>{d.name}</strong>
                </td>
                <td>{d.title}</td>
                <td>{departmentName(d.departmentId)}</td>
                <td>{roomName(d.roomId)}</td>
                <td>{d.active ? t('admin.directory.active') : t('admin.directory.inactive')}</td>
                <td className="actions">
                  <button type="button" onClick={() => setEditingId(d.id)}>
                    {t('admin.edit')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {doctors.length === 0 ? <p className="empty">{t('directory.noDoctors')}</p> : null}
    </section>
  )
}
