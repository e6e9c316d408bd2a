import { Fragment, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditRow } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { listAudit } from '../stores/audit'
import { errorSentence } from '../../i18n'
import { useClinicTime } from '../../stores/clinic-zone'
import { AuditFilters, type AuditFilter } from './AuditFilters'
import { changedFields } from './diff'
import { actionLabel, entityLabel, fieldLabel, valueText } from './readable'
import { VerifyChain } from './VerifyChain'

const PAGE = 50

const fetchPage = (filter: AuditFilter, cursor: number | null) =>
  listAudit({ ...filter, limit: PAGE, ...(cursor !== null ? { cursor } : {}) })

/** One audit row: when, who, what; the changed fields in one line, the full before/after on demand. */
function AuditLine({ row, broken }: { row: AuditRow; broken: boolean }) {
  const { t } = useTranslation()
  const clinicTime = useClinicTime()
  const [open, setOpen] = useState(false)
  const changes = changedFields(row.before, row.after)
  return (
    <Fragment>
      <tr data-testid="audit-row" className={broken ? 'broken' : undefined}>
        <td className="num">{row.id}</td>
        <td className="nowrap">{clinicTime(row.at)}</td>
        <td>{row.actor}</td>
        <td>
          <span data-testid="audit-action">{actionLabel(row.action)}</span>{' '}
          {/* The method's own name too, small: what the API docs and the filter's prefixes use. */}
          <code className="method-name">{row.action}</code>
        </td>
        <td data-testid="audit-entity">
          {entityLabel(row.entity)}
          {row.entityId !== null ? ` #${row.entityId}` : ''}
        </td>
        <td>
          <div className="changes-list">
            {changes.slice(0, 3).map((c) => (
              <span key={c.key} className="change" data-testid="audit-change">
                {c.key ? `${fieldLabel(c.key)}: ` : ''}
                {/* A created field shows its value alone: "∅ → x" everywhere says nothing. */}
                {c.before === undefined
                  ? valueText(c.key, c.after, clinicTime)
                  : `${valueText(c.key, c.before, clinicTime)} → ${valueText(c.key, c.after, clinicTime)}`}
              </span>
            ))}
            {changes.length > 3 ? (
              <span className="muted">{t('admin.audit.more', { count: changes.length - 3 })}</span>
            ) : null}
            <button type="button" className="link" onClick={() => setOpen(!open)}>
              {open ? t('admin.audit.hide') : t('admin.audit.details')}
            </button>
          </div>
        </td>
      </tr>
      {open ? (
        <tr className="details">
          <td colSpan={6}>
            <div className="before-after">
              <pre>{JSON.stringify(row.before, null, 2)}</pre>
              <pre>{JSON.stringify(row.after, null, 2)}</pre>
            </div>
          </td>
        </tr>
      ) : null}
    </Fragment>
  )
}

/** 审计日志: who changed what and when, newest first, paged; and the chain's integrity check. */
export function AuditPage() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<AuditFilter>({})
  const [rows, setRows] = useState<readonly AuditRow[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [brokenId, setBrokenId] = useState<number | null>(null)

  /** Applies a page of results: the first page replaces, later ones append. */
  const apply = useCallback((r: Awaited<ReturnType<typeof fetchPage>>, append: boolean) => {
    if (!r.ok) return setError(r.error)
    setError(null)
    setRows((old) => (append ? [...old, ...r.value.rows] : r.value.rows))
    setNext(r.value.nextCursor)
  }, [])
  useEffect(() => {
    let current = true
    void fetchPage(filter, null).then((r) => current && apply(r, false))
    return () => void (current = false)
  }, [filter, apply])
  const loadMore = (cursor: number) => void fetchPage(filter, cursor).then((r) => apply(r, true))

  return (
    <div className="stack">
      <AuditFilters onApply={setFilter} />
      <section className="card">
        <div className="card-head">
          <h2>{t('admin.audit.title')}</h2>
          <VerifyChain onBroken={setBrokenId} />
        </div>
        {error ? <p className="error">{errorSentence(error)}</p> : null}
        {rows.length === 0 && !error ? <p className="empty">{t('admin.audit.none')}</p> : null}
        {rows.length > 0 ? (
          <table className="grid audit" data-testid="audit-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t('admin.audit.at')}</th>
                <th>{t('admin.audit.actor')}</th>
                <th>{t('admin.audit.action')}</th>
                <th>{t('admin.audit.entity')}</th>
                <th>{t('admin.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <AuditLine key={r.id} row={r} broken={r.id === brokenId} />
              ))}
            </tbody>
          </table>
        ) : null}
        {next !== null ? (
          <button type="button" onClick={() => loadMore(next)} data-testid="audit-more">
            {t('admin.audit.loadMore')}
          </button>
        ) : null}
      </section>
    </div>
  )
}
