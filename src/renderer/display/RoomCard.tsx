import { useTranslation } from 'react-i18next'
import type { Board } from '../../shared/contract'
import { roomOf } from './call-text'

type Room = Board['rooms'][number]

/** One consulting room: its name, who is called in now, and the next few in line. */
export function RoomCard({ room, flashing }: { room: Room; flashing: boolean }) {
  const { t } = useTranslation()
  return (
    <section
      className={`room-card${flashing ? ' flashing' : ''}`}
      data-testid="room-card"
      data-doctor-id={room.doctorId}
    >
      <header className="room-head">
        <span className="room-name" title={roomOf(room)}>
          {roomOf(room)}
        </span>
        <span className="room-doctor" title={room.doctorName}>
          {room.doctorName}
        </span>
      </header>
      <div className="room-calling" data-testid="room-calling">
        <span className="room-label">{t('display.nowCalling')}</span>
        {room.calling ? (
          <span className="room-patient">
            <span className="room-no">{t('display.queueNo', { no: room.calling.queueNo })}</span>
            <span className="room-masked">{room.calling.maskedName}</span>
          </span>
        ) : (
          <span className="room-idle">{t('display.waitingForCall')}</span>
        )}
      </div>
      <div className="room-next" data-testid="room-next">
        <span className="room-label">{t('display.next')}</span>
        {room.next.length === 0 ? (
          <span className="room-idle">{t('display.nobodyWaiting')}</span>
        ) : (
          <ol>
            {room.next.map((p) => (
              <li key={p.queueNo}>
                <span className="room-no">{p.queueNo}</span> {p.maskedName}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  )
}
