import type { TFunction } from 'i18next'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Slot } from '../../shared/contract'
import { opensLater, policyNowAt } from '../../shared/policy/release-tag'
import { useDirectory } from '../stores/directory'
import { hostNow, useClinic } from './stores/clinic'
import { useReceptionPolicy } from './stores/policy'
import type { DoctorSlots } from './fetchers'
import './extra.css'

interface Props {
  readonly rows: readonly DoctorSlots[]
  readonly loading: boolean
  /** The band this desk holds, marked as ours rather than "held at another desk". */
  readonly mySlotId: number | null
  readonly busySlotId: number | null
  readonly onPick: (slot: Slot) => void
  /** When this changes, the first bookable band takes the keyboard (if focus is not in a field). */
  readonly focusToken: string
  readonly testId?: string
  /** 加号: when given, each doctor's row offers to add extra places (the desk's grid, not the move dialog's). */
  readonly onExtra?: (row: DoctorSlots) => void
}

export type BandState = 'open' | 'mine' | 'full' | 'walkIn' | 'held' | 'closed' | 'past'

/** Places still open to walk-ins only: not booked, not held, not open to a phone booking. */
export const walkInLeft = (slot: Slot): number =>
  Math.max(0, slot.quota - slot.booked - slot.held - Math.max(0, slot.placesLeft))

export function bandState(slot: Slot, mySlotId: number | null): BandState {
  if (slot.id === mySlotId) return 'mine'
  if (slot.status === 'CLOSED') return 'closed'
  if (slot.past) return 'past'
  if (slot.status === 'BOOKED') return walkInLeft(slot) > 0 ? 'walkIn' : 'full'
  if (slot.status === 'LOCKED') return 'held'
  // No place for a phone booking: held at a desk, or only walk-in places remain, or none at all.
  if (slot.placesLeft <= 0) return slot.held > 0 ? 'held' : walkInLeft(slot) > 0 ? 'walkIn' : 'full'
  return 'open'
}

/** Arrow keys move between bands by position on screen, so the grid wraps however wide the window is. */
function moveFocus(grid: HTMLElement, from: HTMLElement, key: string): void {
  const buttons = Array.from(grid.querySelectorAll<HTMLButtonElement>('button.rx-band'))
  const index = buttons.indexOf(from as HTMLButtonElement)
  if (index < 0) return
  let target: HTMLButtonElement | undefined
  if (key === 'ArrowLeft') target = buttons[index - 1]
  else if (key === 'ArrowRight') target = buttons[index + 1]
  else {
    const here = from.getBoundingClientRect()
    const below = key === 'ArrowDown'
    const candidates = buttons.filter((b) => {
      const r = b.getBoundingClientRect()
      return below ? r.top > here.bottom - 2 : r.bottom < here.top + 2
    })
    const lineTop = below
      ? Math.min(...candidates.map((b) => b.getBoundingClientRect().top))
      : Math.max(...candidates.map((b) => b.getBoundingClientRect().top))
    const line = candidates.filter((b) => Math.abs(b.getBoundingClientRect().top - lineTop) < 4)
    target = line.sort(
      (a, b) =>
        Math.abs(a.getBoundingClientRect().left - here.left) -
        Math.abs(b.getBoundingClientRect().left - here.left),
    )[0]
  }
  target?.focus()
}

/** The chosen day's time bands, per doctor: places left / quota, and why a band cannot be booked. */
export function SlotGrid({
  rows,
  loading,
  mySlotId,
  busySlotId,
  onPick,
  focusToken,
  testId = 'rx-grid',
  onExtra,
}: Props) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const ref = useRef<HTMLDivElement>(null)
  const withSlots = rows.filter((r) => r.slots.length > 0)
  // 未放号 by the host's clock in the clinic's zone, worked out on each render (the grid re-reads
  // its bands on every change); only said here: a phone booking is still refused by the host.
  const policy = useReceptionPolicy((s) => s.policy)
  const zone = useClinic((s) => s.settings?.timeZone)
  const now = policy ? policyNowAt(new Date(hostNow()), zone) : null
  // Why the band last pressed (Enter or click) cannot be booked, until another band is pressed.
  // It belongs to the day and doctors it was said for: another day shows none.
  const [said, setWhy] = useState<{ slotId: number; text: string; token: string } | null>(null)
  const why = said?.token === focusToken ? said : null

  const press = (slot: Slot, state: BandState) => {
    if (state === 'open' || state === 'mine') {
      setWhy(null)
      onPick(slot)
      return
    }
    setWhy({ slotId: slot.id, text: bandWhy(t, slot, state), token: focusToken })
  }

  // A new day or doctor: the old buttons are gone and focus fell to the page, so put the keyboard
  // on the first band that can be booked. Never taken from a field the receptionist is typing in.
  useEffect(() => {
    const grid = ref.current
    if (!grid || loading) return
    const active = document.activeElement
    if (active && active !== document.body) return
    const first =
      grid.querySelector<HTMLButtonElement>('button.rx-band[data-state="open"]') ??
      grid.querySelector<HTMLButtonElement>('button.rx-band')
    first?.focus()
  }, [focusToken, loading, rows])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (
      !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key) ||
      !(e.target instanceof HTMLElement)
    )
      return
    if (!ref.current) return
    e.preventDefault()
    moveFocus(ref.current, e.target, e.key)
  }

  return (
    <div
      className="rx-grid"
      ref={ref}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-loading={loading ? 'true' : 'false'}
    >
      <p className="rx-band-why" role="status" data-testid="rx-band-why" data-slot={why?.slotId}>
        {why?.text ?? ''}
      </p>
      {withSlots.length === 0 ? (
        <p className="rx-empty">{loading ? t('reception.loading') : t('reception.noBands')}</p>
      ) : null}
      {withSlots.map((row) => {
        const doctor = doctors.find((d) => d.id === row.doctorId)
        const open = row.slots.filter((s) => !s.past && s.status !== 'CLOSED')
        const left = open.reduce((n, s) => n + Math.max(0, s.placesLeft), 0)
        const walkInDay = open.reduce((n, s) => n + walkInLeft(s), 0)
        return (
          <section key={row.doctorId} className="rx-grid-row" data-doctor={row.doctorId}>
            <h3>
              <span
                className="rx-clamp-line"
                title={`${doctor?.name ?? '—'} ${doctor?.title ?? ''}`}
              >
                {doctor?.name ?? '—'} <span className="muted">{doctor?.title}</span>
              </span>
              {onExtra ? (
                <button
                  type="button"
                  className="rx-extra-open"
                  tabIndex={-1}
                  onClick={() => onExtra(row)}
                  data-testid="rx-extra-open"
                >
                  {t('extra.open')}
                </button>
              ) : null}
              <span className="rx-row-left">
                {t('reception.placesLeftDay', { count: left })}
                {walkInDay > 0 ? ` · ${t('bandSplit.walkInDay', { count: walkInDay })}` : ''}
              </span>
            </h3>
            <div className="rx-bands">
              {row.slots.map((slot) => {
                const state = bandState(slot, mySlotId)
                const bookable = state === 'open' || state === 'mine'
                const later =
                  policy && now && state !== 'closed' && state !== 'past'
                    ? opensLater(policy, slot.date, now)
                    : null
                return (
                  <button
                    key={slot.id}
                    type="button"
                    className={`rx-band rx-band-${state}`}
                    data-state={state}
                    data-slot={slot.id}
                    data-start={slot.startTime}
                    aria-disabled={!bookable}
                    aria-busy={busySlotId === slot.id}
                    tabIndex={bookable ? 0 : -1}
                    onClick={() => press(slot, state)}
                    title={placesTitle(t, slot)}
                  >
                    <span className="rx-band-time">
                      {slot.startTime}–{slot.endTime}
                    </span>
                    <span className="rx-band-places">
                      {state === 'closed' || state === 'past'
                        ? t(`reception.band.${state}`)
                        : placesText(t, slot)}
                    </span>
                    <span className="rx-band-tag">
                      {state === 'open' || state === 'closed' || state === 'past' ? null : state ===
                        'walkIn' ? (
                        <span>{t('bandSplit.walkInOnly')}</span>
                      ) : (
                        <span>{t(`reception.band.${state}`)}</span>
                      )}
                      {later ? (
                        <span
                          className="rx-band-unreleased"
                          data-testid="rx-band-unreleased"
                          data-opens={`${later.date} ${later.time}`}
                          title={t('release.notReleased', { date: later.date, time: later.time })}
                        >
                          {later.date === now?.today
                            ? t('release.tagToday', { time: later.time })
                            : t('release.tag', { date: later.date.slice(5), time: later.time })}
                        </span>
                      ) : null}
                      {slot.extra > 0 ? (
                        <span className="rx-band-extra" data-extra={slot.extra}>
                          {t('extra.included', { count: slot.extra })}
                        </span>
                      ) : null}
                    </span>
                  </button>
                )
              })}
            </div>
          </section>
        )
      })}
    </div>
  )
}

type T = TFunction

/** Phone places and walk-in places apart when walk-in places are kept ("电话 0 · 现场 1"), else "余 3 / 4". */
function placesText(t: T, slot: Slot): string {
  const phone = Math.max(0, slot.placesLeft)
  if (slot.walkInReserved <= 0)
    return t('reception.band.places', { left: phone, quota: slot.quota })
  return t('bandSplit.places', { phone, walkIn: walkInLeft(slot) })
}

/** The whole count on demand: of the quota, how many are booked, held, kept for walk-ins, open to phone. */
function placesTitle(t: T, slot: Slot): string {
  return t('bandSplit.title', {
    quota: slot.quota,
    booked: slot.booked,
    held: slot.held,
    walkIn: walkInLeft(slot),
    phone: Math.max(0, slot.placesLeft),
  })
}

/** Why a band cannot be booked by phone, said when Enter (or a click) is pressed on it. */
export function bandWhy(t: T, slot: Slot, state: Exclude<BandState, 'open' | 'mine'>): string {
  const band = `${slot.startTime}–${slot.endTime}`
  return t(`bandWhy.${state}`, {
    band,
    quota: slot.quota,
    booked: slot.booked,
    held: slot.held,
    walkIn: walkInLeft(slot),
  })
}
