import { useTranslation } from 'react-i18next'
import { Toasts } from '../components/Toasts'
import { dismissToast, useDoctorToasts } from './stores/toasts'
import { useDoctorQueue } from './stores/queue'
import { band } from './PatientFacts'

/** "您有一个新预约" with who and when, as soon as a desk books this doctor. */
export function NewBookingToasts() {
  const { t } = useTranslation()
  const items = useDoctorToasts((s) => s.items)
  const today = useDoctorQueue((s) => s.today)
  return (
    <Toasts
      dismissLabel={t('doctor.dismiss')}
      onDismiss={dismissToast}
      items={items.map(({ id, appointment: a }) => ({
        id,
        title: t('doctor.newBooking'),
        body: a
          ? t('doctor.newBookingBody', {
              no: a.queueNo,
              name: a.patientName,
              when: a.date === today ? band(a) : `${a.date} ${band(a)}`,
            })
          : undefined,
      }))}
    />
  )
}
