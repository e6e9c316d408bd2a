import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ScheduleTemplate } from '../../../shared/contract'
import { errorSentence } from '../../i18n'
import { startTemplatesFeed, useAdminTemplates } from '../stores/templates'
import { DoctorSelect } from '../common/DoctorSelect'
import { GenerateSlots } from './GenerateSlots'
import { SessionForm, draftOf, newDraft } from './SessionForm'
import { SessionTable } from './SessionTable'
import { SlotPeek } from './SlotPeek'

type Editing =
  | { readonly kind: 'none' }
  | { readonly kind: 'new' }
  | { readonly kind: 'edit'; readonly template: ScheduleTemplate }

/** 出诊排班: pick a doctor, shape their week, generate the bands, check what the desk will see. */
export function SessionsPage() {
  const { t } = useTranslation()
  useEffect(startTemplatesFeed, [])
  const { templates, error } = useAdminTemplates()
  const [doctorId, setDoctorId] = useState('')
  const [editing, setEditing] = useState<Editing>({ kind: 'none' })
  const [peekRefresh, setPeekRefresh] = useState(0)
  const mine = templates.filter((tpl) => String(tpl.doctorId) === doctorId)
  return (
    <div className="stack">
      <div className="card toolbar">
        <label className="inline-label">
          <span>{t('admin.sessions.doctor')}</span>
          <DoctorSelect
            value={doctorId}
            name="sessionDoctor"
            onChange={(v) => {
              setDoctorId(v)
              setEditing({ kind: 'none' })
            }}
          />
        </label>
        <GenerateSlots onGenerated={() => setPeekRefresh((n) => n + 1)} />
      </div>
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      {doctorId === '' ? (
        <p className="empty">{t('admin.sessions.pickDoctor')}</p>
      ) : (
        <>
          <section className="card">
            <div className="card-head">
              <h2>{t('admin.sessions.weekTitle')}</h2>
              {editing.kind === 'none' ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => setEditing({ kind: 'new' })}
                  data-testid="add-session"
                >
                  {t('admin.sessions.add')}
                </button>
              ) : null}
            </div>
            <SessionTable
              templates={mine}
              onEdit={(template) => setEditing({ kind: 'edit', template })}
            />
          </section>
          {editing.kind !== 'none' ? (
            <SessionForm
              key={editing.kind === 'edit' ? editing.template.id : 'new'}
              doctorId={Number(doctorId)}
              initial={editing.kind === 'edit' ? draftOf(editing.template) : newDraft()}
              existing={mine}
              onDone={() => {
                setEditing({ kind: 'none' })
                // Saving a session makes its bands on the host: show them.
                setPeekRefresh((n) => n + 1)
              }}
            />
          ) : null}
          <SlotPeek doctorId={Number(doctorId)} refreshKey={peekRefresh} />
        </>
      )}
    </div>
  )
}
