import { errorSentence } from '../i18n'
import { PayDialog } from './PayDialog'
import { closePay, pay, useCashier } from './stores/cashier'

/** The pay panel of this desk, when an appointment is being paid for (fed by the cashier store). */
export function PayHost() {
  const paying = useCashier((s) => s.paying)
  const busy = useCashier((s) => s.busy)
  const error = useCashier((s) => s.error)
  if (!paying) return null
  return (
    <PayDialog
      // A new quote (after STALE) starts the panel afresh with the new amount.
      key={`${paying.appointment.id}:${paying.money?.balanceFen ?? 'loading'}`}
      appointment={paying.appointment}
      money={paying.money}
      busy={busy}
      errorText={error ? errorSentence(error) : null}
      onPay={(choice) => void pay(choice)}
      onLater={closePay}
    />
  )
}
