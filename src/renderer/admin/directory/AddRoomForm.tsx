import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createRoom } from '../stores/directory'
import { useSubmit } from '../../components/useSubmit'

/** One line: a new consulting room's name (诊室). */
export function AddRoomForm() {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => createRoom({ name }),
    (room) => {
      setSaved(room.name)
      setName('')
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="add-room">
      <label>
        <span>{t('admin.directory.roomName')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={50}
          required
          name="roomName"
        />
      </label>
      <button className="primary" disabled={busy || !name.trim()}>
        {t('admin.directory.addRoom')}
      </button>
      <span className="form-message" aria-live="polite">
        {errorText ? (
          <span className="error">{errorText}</span>
        ) : saved ? (
          t('admin.saved', { name: saved })
        ) : null}
      </span>
    </form>
  )
}
