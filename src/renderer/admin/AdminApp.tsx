import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { AuditPage } from './audit/AuditPage'
import { CashierPage } from './cashier/CashierPage'
import { DirectoryPage } from './directory/DirectoryPage'
import { FeesPage } from './fees/FeesPage'
import { LeavePage } from './leave/LeavePage'
import { MergePage } from './merge/MergePage'
import { useAdminPage, type AdminPage } from './pages'
import { ReportsPage } from './reports/ReportsPage'
import { RulesPage } from './rules/RulesPage'
import { SettingsPage } from './rules/SettingsPage'
import { SessionsPage } from './sessions/SessionsPage'
import { SideNav } from './SideNav'
import { StaffPage } from './staff/StaffPage'

const PAGES: Record<AdminPage, () => ReactNode> = {
  directory: () => <DirectoryPage />,
  sessions: () => <SessionsPage />,
  leave: () => <LeavePage />,
  rules: () => <RulesPage />,
  fees: () => <FeesPage />,
  cashier: () => <CashierPage />,
  settings: () => <SettingsPage />,
  staff: () => <StaffPage />,
  audit: () => <AuditPage />,
  merge: () => <MergePage />,
  reports: () => <ReportsPage />,
}

/** The clinic admin's app: a side navigation and the page it points at. */
export function AdminApp() {
  const { t } = useTranslation()
  const page = useAdminPage()
  return (
    <AppShell title={t('screen.admin')} subtitle={t(`admin.nav.${page}`)}>
      <div className="admin-layout">
        <SideNav current={page} />
        <section className="admin-page" data-testid={`page-${page}`}>
          {PAGES[page]()}
        </section>
      </div>
    </AppShell>
  )
}
