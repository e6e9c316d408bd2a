import { useTranslation } from 'react-i18next'
import { ConnectionBadge } from '../components/ConnectionBadge'
import { SoundToggle } from '../components/SoundToggle'
import { useDisplayBoard } from './stores/board'
import { CallBanner } from './CallBanner'
import { Clock } from './Clock'
import { DisplaySettings } from './DisplaySettings'
import { useDisplayRooms } from './stores/display-rooms'
import { RoomCard } from './RoomCard'
import './display.css'

/** The waiting-room screen: read from across the room, names masked, calls shown and spoken. */
export function DisplayScreen() {
  const { t } = useTranslation()
  const board = useDisplayBoard((s) => s.board)
  const calling = useDisplayBoard((s) => s.calling)
  const chosen = useDisplayRooms((s) => s.rooms)
  const rooms = board?.rooms.filter((r) => chosen === null || chosen.includes(r.doctorId)) ?? []
  return (
    <div className="display" data-testid="display-screen">
      <header className="display-head">
        <h1>{t('display.title')}</h1>
        <div className="display-head-end">
          <SoundToggle
            labels={{
              on: t('display.sound.on'),
              off: t('display.sound.off'),
              blocked: t('display.sound.blocked'),
            }}
          />
          <ConnectionBadge />
          <Clock />
          <DisplaySettings />
        </div>
      </header>
      <CallBanner />
      {board && rooms.length === 0 ? <p className="display-empty">{t('display.noRooms')}</p> : null}
      <div className={`room-grid rooms-${Math.min(rooms.length, 6)}`} data-testid="room-grid">
        {rooms.map((room) => (
          <RoomCard
            key={room.doctorId}
            room={room}
            flashing={calling?.doctorId === room.doctorId}
          />
        ))}
      </div>
      <footer className="display-foot">{t('display.footer')}</footer>
    </div>
  )
}
