import { useTranslation } from 'react-i18next'
import { ADMIN_PAGES, type AdminPage } from './pages'

/** The admin's side navigation: one link per page, the current one marked for screen readers too. */
export function SideNav({ current }: { current: AdminPage }) {
  const { t } = useTranslation()
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      {ADMIN_PAGES.map((page) => (
        <a
          key={page}
          href={`#${page}`}
          aria-current={page === current ? 'page' : undefined}
          data-testid={`nav-${page}`}
        >
          {t(`admin.nav.${page}`)}
        </a>
      ))}
    </nav>
  )
}
