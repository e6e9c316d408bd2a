import { create } from 'zustand'
import type { MethodInput, Patient, PatientCard } from '../../../shared/contract'
import type { AppErrorShape, Result } from '../../../shared/errors'
import { hostAction, onHostEvent } from '../../api/host-action'
import { maskIdNumber } from '../../../shared/id-number'
import { connection } from '../../stores/connection'
import { useBooking } from './booking'

export interface PatientDeskState {
  /** The patient whose card is open, or null. */
  readonly cardId: number | null
  readonly card: PatientCard | null
  readonly cardError: AppErrorShape | null
  /** Another window changed the patient while the card was open (the card shows the new details). */
  readonly cardChangedElsewhere: boolean
  /** The card showed a record that a merge retired; it now shows the kept one (this was its id). */
  readonly cardMergedFrom: number | null
  /** The patient being edited, or null. */
  readonly editId: number | null
  /** What the edit form started from. */
  readonly editBase: Patient | null
  readonly editError: AppErrorShape | null
  /** A newer version saved by another window while this form was open; the desk chooses to load it. */
  readonly editNewer: Patient | null
}

/** The desk's patient card and edit dialog, fed by patients.changed and the appointment events. */
export const usePatientDesk = create<PatientDeskState>(() => ({
  cardId: null,
  card: null,
  cardError: null,
  cardChangedElsewhere: false,
  cardMergedFrom: null,
  editId: null,
  editBase: null,
  editError: null,
  editNewer: null,
}))

const getPatient = hostAction('patients.get')
const getCard = hostAction('patients.card')
const updatePatient = hostAction('patients.update')

/**
 * Saves the edit form; the open card follows by the patients.changed event. The save is noted
 * before it is sent, since its event can arrive before its answer.
 */
export async function savePatient(input: MethodInput<'patients.update'>): Promise<Result<Patient>> {
  ownSaves.set(input.id, (ownSaves.get(input.id) ?? 0) + 1)
  const result = await updatePatient(input)
  if (!result.ok) takeOwnSave(input.id)
  return result
}

let cardSeq = 0
async function reloadCard(): Promise<void> {
  const id = usePatientDesk.getState().cardId
  if (id === null) return
  const mine = ++cardSeq
  const result = await getCard({ id, limit: 20 })
  // Only the answer to the latest request counts: a slower, older one is dropped.
  if (mine !== cardSeq || usePatientDesk.getState().cardId !== id) return
  usePatientDesk.setState(
    result.ok ? { card: result.value, cardError: null } : { card: null, cardError: result.error },
  )
}

export function openPatientCard(id: number): void {
  startPatientDeskFeed()
  const same = usePatientDesk.getState().cardId === id
  usePatientDesk.setState({
    cardId: id,
    cardChangedElsewhere: false,
    cardMergedFrom: null,
    ...(same ? {} : { card: null, cardError: null }),
  })
  void reloadCard()
}

export function closePatientCard(): void {
  cardSeq++
  usePatientDesk.setState({
    cardId: null,
    card: null,
    cardError: null,
    cardChangedElsewhere: false,
    cardMergedFrom: null,
  })
}

let editSeq = 0
export async function openPatientEdit(id: number): Promise<void> {
  startPatientDeskFeed()
  const mine = ++editSeq
  usePatientDesk.setState({ editId: id, editBase: null, editError: null, editNewer: null })
  const result = await getPatient({ id })
  if (mine !== editSeq) return
  usePatientDesk.setState(
    result.ok ? { editBase: result.value } : { editBase: null, editError: result.error },
  )
}

export function closePatientEdit(): void {
  editSeq++
  usePatientDesk.setState({ editId: null, editBase: null, editError: null, editNewer: null })
}

/** The desk takes the other window's version into the form. */
export function takeNewerPatient(): void {
  const { editNewer } = usePatientDesk.getState()
  if (editNewer) usePatientDesk.setState({ editBase: editNewer, editNewer: null })
}

/** Saves made by this window, so its own patients.changed is not reported as someone else's. */
const ownSaves = new Map<number, number>()
function takeOwnSave(id: number): boolean {
  const n = ownSaves.get(id) ?? 0
  if (n === 0) return false
  if (n === 1) ownSaves.delete(id)
  else ownSaves.set(id, n - 1)
  return true
}

/** The patient chosen for the booking in progress shows their new details. */
async function refreshBookingPatient(ids: readonly number[]): Promise<void> {
  const chosen = useBooking.getState().patient
  if (!chosen || !ids.includes(chosen.id)) return
  const result = await getPatient({ id: chosen.id })
  if (!result.ok || useBooking.getState().patient?.id !== chosen.id) return
  const { id, name, sex, birthDate, phone, idNumber } = result.value
  useBooking.setState({
    patient: { id, name, sex, birthDate, phone, idNumberMasked: maskIdNumber(idNumber) },
  })
}

async function onPatientsChanged(ids: readonly number[]): Promise<void> {
  void refreshBookingPatient(ids)
  const { cardId, editId, editBase } = usePatientDesk.getState()
  const own = new Set(ids.filter(takeOwnSave))
  if (cardId !== null && ids.includes(cardId)) {
    if (!own.has(cardId)) usePatientDesk.setState({ cardChangedElsewhere: true })
    void reloadCard()
  }
  if (editId !== null && editBase !== null && ids.includes(editId) && !own.has(editId)) {
    const mine = editSeq
    const result = await getPatient({ id: editId })
    if (mine === editSeq && result.ok) usePatientDesk.setState({ editNewer: result.value })
  }
}

/**
 * Two records became one (an admin's merge): a card or booking showing the retired record
 * switches to the kept one, with a sentence saying so; a card of the kept one re-reads, since the
 * retired record's appointments and visits moved onto it.
 */
async function onPatientsMerged(keptId: number, retiredId: number): Promise<void> {
  const { cardId } = usePatientDesk.getState()
  if (cardId === retiredId) {
    usePatientDesk.setState({
      cardId: keptId,
      card: null,
      cardError: null,
      cardChangedElsewhere: false,
      cardMergedFrom: retiredId,
    })
    void reloadCard()
  } else if (cardId === keptId) void reloadCard()
  if (usePatientDesk.getState().editId === retiredId) void openPatientEdit(keptId)
  if (useBooking.getState().patient?.id === retiredId) {
    useBooking.setState({ patient: { ...useBooking.getState().patient!, id: keptId } })
    void refreshBookingPatient([keptId])
  }
}

let timer: ReturnType<typeof setTimeout> | null = null
function onAppointmentsChanged(): void {
  if (usePatientDesk.getState().cardId === null || timer) return
  timer = setTimeout(() => {
    timer = null
    void reloadCard()
  }, 15)
}

let started = false
/** Subscribes once, on the first card or edit opened. */
export function startPatientDeskFeed(): void {
  if (started) return
  started = true
  onHostEvent('patients.changed', (m) => void onPatientsChanged(m.patientIds))
  onHostEvent('patients.merged', (m) => void onPatientsMerged(m.keptId, m.retiredId))
  onHostEvent('appointment.created', onAppointmentsChanged)
  onHostEvent('appointments.changed', onAppointmentsChanged)
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadCard()
  })
}
