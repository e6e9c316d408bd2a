import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupFile, MethodResult } from '../../../shared/contract'
import { createBackup, listBackups } from '../stores/settings'
import { useSubmit } from '../../components/useSubmit'
import { useAdminSettings } from '../stores/settings'
import { formatInZone } from '../audit/clinic-zone'

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

/**
 * 备份: the host's copies of the database (one a day by itself), one more on demand, and how to
 * restore. On PostgreSQL the database server makes the backups: the panel says so and shows the
 * command instead (issue 15 part 5).
 */
export function BackupPanel() {
  const { t, i18n } = useTranslation()
  const [list, setList] = useState<MethodResult<'backup.list'> | null>(null)
  const reload = useCallback(() => listBackups({}).then((r) => r.ok && setList(r.value)), [])
  useEffect(() => {
    let current = true
    void listBackups({}).then((r) => current && r.ok && setList(r.value))
    return () => void (current = false)
  }, [])
  const [made, setMade] = useState<BackupFile | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => createBackup({}),
    (file) => {
      setMade(file)
      void reload()
    },
  )
  // In the clinic's zone, as the audit log shows its times.
  const timeZone = useAdminSettings((s) => s.settings?.timeZone)
  const when = (iso: string): string => formatInZone(iso, i18n.language, timeZone)

  if (list?.serverCommand) return <ServerBackups command={list.serverCommand} />
  return (
    <section className="card" aria-labelledby="backup-heading" data-testid="backup-panel">
      <div className="card-head">
        <h2 id="backup-heading">{t('admin.backup.title')}</h2>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run()}
          data-testid="backup-now"
        >
          {busy ? t('admin.backup.working') : t('admin.backup.now')}
        </button>
      </div>
      <p className="setting-help">{t('admin.backup.help')}</p>
      {list ? (
        <p className="setting-help">
          {t('admin.backup.folder')} <code data-testid="backup-folder">{list.folder}</code>
        </p>
      ) : null}
      {made ? <p data-testid="backup-made">{t('admin.backup.made', { name: made.name })}</p> : null}
      {errorText ? <p className="error">{errorText}</p> : null}
      {list && list.files.length > 0 ? (
        <table className="grid" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('admin.backup.when')}</th>
              <th>{t('admin.backup.file')}</th>
              <th className="num">{t('admin.backup.size')}</th>
            </tr>
          </thead>
          <tbody>
            {list.files.map((f) => (
              <tr key={f.name} data-testid="backup-row">
                <td>{when(f.createdAt)}</td>
                <td>
                  <code>{f.name}</code>
                </td>
                <td className="num">{megabytes(f.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t('admin.backup.none')}</p>
      )}
      <p className="setting-help">{t('admin.backup.restore')}</p>
    </section>
  )
}

/** PostgreSQL: nothing to copy here; the clinic's database server (or managed service) keeps the backups. */
function ServerBackups({ command }: { command: string }) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="backup-heading" data-testid="backup-panel">
      <div className="card-head">
        <h2 id="backup-heading">{t('admin.backup.title')}</h2>
      </div>
      <p className="setting-help">{t('admin.backup.serverHelp')}</p>
      <p className="setting-help">{t('admin.backup.serverCommand')}</p>
      <pre className="command" data-testid="backup-command">
        {command}
      </pre>
      <p className="setting-help">{t('admin.backup.serverRestore')}</p>
    </section>
  )
}
