import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Result } from '../../../shared/errors'
import { useSubmit } from '../../components/useSubmit'

interface Named {
  readonly id: number
  readonly name: string
  readonly active: boolean
}

/**
 * A department or a room in its table: the name, what the table says about it (`detail`), and
 * whether it is in use; edited in place and saved with `save`.
 */
export function NamedRow({
  item,
  detail,
  nameLabel,
  testId,
  save,
}: {
  item: Named
  detail: ReactNode
  nameLabel: string
  testId: string
  save: (change: Named) => Promise<Result<unknown>>
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(item.name)
  const [active, setActive] = useState(item.active)
  const { run, busy, errorText } = useSubmit(
    () => save({ id: item.id, name, active }),
    () => setEditing(false),
  )
  if (!editing) {
    return (
      <tr data-testid={testId} data-id={item.id} className={item.active ? undefined : 'inactive'}>
        <td>{item.name}</td>
        {detail}
        <td>{item.active ? t('admin.directory.active') : t('admin.directory.inactive')}</td>
        <td className="actions">
          <button
            type="button"
            onClick={() => {
              setName(item.name)
              setActive(item.active)
              setEditing(true)
            }}
          >
            {t('admin.edit')}
          </button>
        </td>
      </tr>
    )
  }
  return (
    <tr data-testid={testId} data-id={item.id} className="editing">
      <td>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={50}
          aria-label={nameLabel}
          name="editName"
          size={14}
          autoFocus
        />
      </td>
      {detail}
      <td>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>{t('admin.directory.active')}</span>
        </label>
      </td>
      <td className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || !name.trim()}
          onClick={() => void run()}
        >
          {t('admin.save')}
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          {t('admin.cancel')}
        </button>
        {errorText ? <div className="error">{errorText}</div> : null}
      </td>
    </tr>
  )
}
