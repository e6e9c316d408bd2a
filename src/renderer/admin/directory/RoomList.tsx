import { useTranslation } from 'react-i18next'
import { updateRoom } from '../stores/directory'
import { useDirectory } from '../../stores/directory'
import { AddRoomForm } from './AddNamedForm'
import { NamedRow } from './NamedRow'

/** Consulting rooms and who sits in each, renamed in place: the waiting-room display calls patients to a room by its name. */
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
            <th>{t('admin.directory.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rooms.map((r) => (
            <NamedRow
              key={r.id}
              item={r}
              detail={
                <td>
                  {doctors
                    .filter((d) => d.roomId === r.id)
                    .map((d) => d.name)
                    .join(t('admin.listSeparator')) || '—'}
                </td>
              }
              nameLabel={t('admin.directory.roomName')}
              testId="room-row"
              save={(change) => updateRoom(change)}
            />
          ))}
        </tbody>
      </table>
      {rooms.length === 0 ? <p className="empty">{t('admin.directory.noRooms')}</p> : null}
    </section>
  )
}
