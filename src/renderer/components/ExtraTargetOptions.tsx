import type { TFunction } from 'i18next'
import { NOON, type LeaveSession, type Slot } from '../../shared/contract'

/** Where 加号 places go: the day (or one session: the server picks its last open band), or one band. */
export type ExtraTarget = { kind: 'day'; session: LeaveSession } | { kind: 'band'; slotId: number }

/** The select's value for a target ('day:AM', 'band:12'), and back. */
export const targetValue = (t: ExtraTarget): string =>
  t.kind === 'day' ? `day:${t.session}` : `band:${t.slotId}`
export const parseTarget = (value: string): ExtraTarget => {
  const [kind, rest] = value.split(':') as [string, string]
  return kind === 'day'
    ? { kind: 'day', session: rest as LeaveSession }
    : { kind: 'band', slotId: Number(rest) }
}

/**
 * The day form first (the usual ask: "one more today"), the sessions that have an open band,
 * then each open band; `label` writes a band's line as the screen already does.
 */
export function ExtraTargetOptions({
  bands,
  label,
  t,
}: {
  bands: readonly Slot[]
  label: (s: Slot) => string
  t: TFunction
}) {
  const am = bands.some((s) => s.startTime < NOON)
  const pm = bands.some((s) => s.startTime >= NOON)
  return (
    <>
      <option value="day:ALL">{t('extra.toDay')}</option>
      {am && pm ? <option value="day:AM">{t('extra.toAm')}</option> : null}
      {am && pm ? <option value="day:PM">{t('extra.toPm')}</option> : null}
      <optgroup label={t('extra.orBand')}>
        {bands.map((s) => (
          <option key={s.id} value={`band:${s.id}`}>
            {label(s)}
          </option>
        ))}
      </optgroup>
    </>
  )
}
