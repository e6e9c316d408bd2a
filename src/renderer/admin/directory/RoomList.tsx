import { useTranslation } from 'react-i18next'
import { useDirectory } from '../../stores/directory'
import { AddRoomForm } from './AddRoomForm'

/** Consulting rooms and who sits in each: the waiting-room display calls patients to a room. */
export function RoomList() {
  const { t } = useTranslation()
  const { rooms, doctors } = useDirectory()
  return (
    <section className="card" aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">{t('admin.directory.rooms')}</h2>
      <AddRoomForm />
      <table className="grid" data-testid="room-list">
        <thead>
          <tr>
            <th>{t('admin.directory.roomName')}</th>
            <th>{t('admin.directory.roomDoctors')}</th>
          </tr>
        </thead>
        <tbody>
          {rooms.map((r) => (
            <tr key={r.id} data-testid="room-row">
              <td>{r.name}</td>
              <td>
                {doctors
                  .filter((d) => d.roomId === r.id)
                  .map((d) => d.name)
                  .join(t('admin.listSeparator')) || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rooms.length === 0 ? <p className="empty">{t('admin.directory.noRooms')}</p> : null}
    </section>
  )
}
