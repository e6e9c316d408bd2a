import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Patient } from '../../shared/contract'
import { Dialog } from '../components/Dialog'
import { useSubmit } from '../components/useSubmit'
import { errorSentence } from '../i18n'
import { draftOf, fieldsOf, PatientFormFields, type PatientDraft } from './PatientFormFields'
import {
  closePatientEdit,
  savePatient,
  takeNewerPatient,
  usePatientDesk,
} from './stores/patient-desk'

/**
 * Edits a patient's details with registration's checks (the host's). When another window saves the
 * same patient meanwhile, the form says so and offers the newer version instead of overwriting it unseen.
 */
export function PatientEditDialog() {
  const { t } = useTranslation()
  const editId = usePatientDesk((s) => s.editId)
  const base = usePatientDesk((s) => s.editBase)
  const loadError = usePatientDesk((s) => s.editError)
  const newer = usePatientDesk((s) => s.editNewer)
  if (editId === null) return null
  return (
    <Dialog
      title={t('patientDesk.editTitle', { name: base?.name ?? '' })}
      onClose={closePatientEdit}
      testId="rx-patient-edit"
      wide
    >
      {base ? (
        // Taking the newer version starts the form afresh from it.
        <EditForm key={JSON.stringify(base)} base={base} newer={newer} />
      ) : (
        <p className={loadError ? 'error' : 'muted'}>
          {loadError ? errorSentence(loadError) : t('patientDesk.loading')}
        </p>
      )}
    </Dialog>
  )
}

function EditForm({ base, newer }: { base: Patient; newer: Patient | null }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<PatientDraft>(() => draftOf(base))
  // Set for one submission: the desk confirmed that a same name + phone is another person.
  const acceptDuplicate = useRef(false)
  const submit = useCallback(
    () =>
      savePatient({ id: base.id, ...fieldsOf(draft), acceptDuplicate: acceptDuplicate.current }),
    [base.id, draft],
  )
  const { run, busy, error, errorText } = useSubmit(submit, closePatientEdit)
  const saveAnyway = () => {
    acceptDuplicate.current = true
    void run().finally(() => (acceptDuplicate.current = false))
  }
  const canAccept = error?.code === 'DUPLICATE_PATIENT' && error.details?.acceptable === true
  return (
    <form
      className="rx-form rx-patient-form"
      onSubmit={(e) => {
        e.preventDefault()
        void run()
      }}
    >
      {newer ? (
        <p className="rx-banner rx-banner-error" role="alert" data-testid="rx-edit-newer">
          {t('patientDesk.changedWhileEditing')}{' '}
          <button type="button" className="rx-link" onClick={takeNewerPatient}>
            {t('patientDesk.reloadLatest')}
          </button>
        </p>
      ) : null}
      <PatientFormFields
        draft={draft}
        onChange={setDraft}
        testIdPrefix="rx-edit"
        withNote
        focus="name"
      />
      <p className="rx-message error" role="alert" data-testid="rx-edit-error">
        {errorText ? errorText : ''}
      </p>
      <div className="rx-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="rx-edit-save">
          {busy ? t('patientDesk.saving') : t('patientDesk.save')}
        </button>
        {canAccept ? (
          <button type="button" disabled={busy} onClick={saveAnyway} data-testid="rx-edit-anyway">
            {t('patientDesk.saveAnyway')}
          </button>
        ) : null}
        <button type="button" onClick={closePatientEdit}>
          {t('patientDesk.cancel')} <span className="rx-key">Esc</span>
        </button>
      </div>
    </form>
  )
}
