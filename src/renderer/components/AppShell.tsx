import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { UserMenu } from '../auth/UserMenu'
import { ConnectionBadge } from './ConnectionBadge'
import { LanguageSwitch } from './LanguageSwitch'

/** The frame every staff screen shares: which screen this is, the link to the host, the language. */
export function AppShell({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">{t('app.name')}</div>
        <h1>
          {title}
          {subtitle ? <small>{subtitle}</small> : null}
        </h1>
        <div className="topbar-end">
          <UserMenu />
          <ConnectionBadge />
          <LanguageSwitch />
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  )
}
