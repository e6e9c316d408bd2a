import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Board } from '../../shared/contract'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { roomOf } from './call-text'
import { useDisplayBoard } from './stores/board'
import { setDisplayRooms, toggleDisplayRoom, useDisplayRooms } from './stores/display-rooms'

const NO_ROOMS: Board['rooms'] = []

/**
 * The display's own settings, kept on this PC: its language and the rooms it shows. A small
 * button in the corner opens them, so a receptionist sets up a new screen from the screen itself.
 */
export function DisplaySettings() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const rooms = useDisplayBoard((s) => s.board?.rooms ?? NO_ROOMS)
  const chosen = useDisplayRooms((s) => s.rooms)
  const all = rooms.map((r) => r.doctorId)
  return (
    <div className="display-settings">
      <button
        type="button"
        className="display-settings-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="display-settings"
      >
        {t('displayPrefs.open')}
      </button>
      {open ? (
        <div className="display-settings-panel" role="dialog" data-testid="display-settings-panel">
          <label className="display-settings-language">
            {t('displayPrefs.language')} <LanguageSwitch />
          </label>
          <fieldset>
            <legend>{t('displayPrefs.rooms')}</legend>
            {rooms.map((room) => (
              <label key={room.doctorId}>
                <input
                  type="checkbox"
                  checked={chosen === null || chosen.includes(room.doctorId)}
                  onChange={() => toggleDisplayRoom(room.doctorId, all)}
                  data-testid="display-room-choice"
                  data-doctor-id={room.doctorId}
                />{' '}
                {roomOf(room)} · {room.doctorName}
              </label>
            ))}
          </fieldset>
          <div className="display-settings-actions">
            <button type="button" onClick={() => setDisplayRooms(null)} disabled={chosen === null}>
              {t('displayPrefs.allRooms')}
            </button>
            <button
              type="button"
              onClick={() => setOpen(false)}
              data-testid="display-settings-done"
            >
              {t('displayPrefs.done')}
            </button>
          </div>
          <p className="display-settings-note">{t('displayPrefs.note')}</p>
        </div>
      ) : null}
    </div>
  )
}
