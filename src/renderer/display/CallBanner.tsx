import { useDisplayBoard } from './stores/board'
import { callSentence, spokenSentence } from './call-text'

/** The call being made, across the top in the largest type: who, and which room. */
export function CallBanner() {
  const call = useDisplayBoard((s) => s.calling)
  if (!call) return null
  return (
    <div
      className="call-banner"
      role="alert"
      data-testid="call-banner"
      data-spoken={spokenSentence(call)}
      key={call.rev}
    >
      {callSentence(call)}
    </div>
  )
}
