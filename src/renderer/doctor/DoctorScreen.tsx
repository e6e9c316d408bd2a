import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { SoundToggle } from '../components/SoundToggle'
import { connection } from '../stores/connection'
import { useDirectory } from '../stores/directory'
import { useDoctorQueue } from './stores/queue'
import { CurrentPatientCard } from './CurrentPatientCard'
import { DateSwitch } from './DateSwitch'
import { DayCounts } from './DayCounts'
import { OwnFigures } from './OwnFigures'
import { OwnFiguresExport } from './OwnFiguresExport'
import { CloseSession } from './CloseSession'
import { DoctorRecheck } from './DoctorRecheck'
import { ExtraButton } from './ExtraButton'
import { NewBookingToasts } from './NewBookingToasts'
import { QueueTable } from './QueueTable'
import { UndoToast } from './UndoToast'
import './doctor.css'

/** One doctor's room: who is in, what to do next, and the day's queue, live. */
export function DoctorScreen() {
  const { t } = useTranslation()
  const doctorId = useDoctorQueue((s) => s.doctorId)
  const loadError = useDoctorQueue((s) => s.loadError)
  const offline = connection((s) => s.status === 'reconnecting')
  const doctor = useDirectory((s) => s.doctors.find((d) => d.id === doctorId))
  const room = useDirectory((s) => s.rooms.find((r) => r.id === doctor?.roomId))
  const subtitle = doctor
    ? [doctor.name, doctor.title, room?.name].filter(Boolean).join(' · ')
    : undefined
  return (
    <AppShell title={t('screen.doctor')} subtitle={subtitle}>
      <div className="doctor-screen" data-testid="doctor-screen">
        <div className="doctor-toolbar">
          <DateSwitch />
          <DayCounts />
          <OwnFigures />
          <OwnFiguresExport />
          <ExtraButton />
          <CloseSession />
          <SoundToggle
            labels={{
              on: t('doctor.sound.on'),
              off: t('doctor.sound.off'),
              blocked: t('doctor.sound.blocked'),
            }}
          />
        </div>
        {offline ? (
          <p className="offline-notice" role="alert" data-testid="offline-notice">
            {t('doctor.offline')}
          </p>
        ) : null}
        {loadError ? (
          <p className="error" role="alert">
            {t('doctor.loadFailed')}
          </p>
        ) : null}
        <CurrentPatientCard />
        <QueueTable />
        <p className="shortcut-hint muted">{t('doctor.shortcutHint')}</p>
      </div>
      <NewBookingToasts />
      <UndoToast />
      <DoctorRecheck />
    </AppShell>
  )
}
