import { useSyncExternalStore } from 'react'

/** The admin app's pages, in side-navigation order. The id is the URL hash, so a page survives a reload. */
export const ADMIN_PAGES = [
  'directory',
  'sessions',
  'leave',
  'rules',
  'fees',
  'cashier',
  'settings',
  'staff',
  'audit',
  'merge',
  'reports',
] as const
export type AdminPage = (typeof ADMIN_PAGES)[number]

const isPage = (value: string): value is AdminPage =>
  (ADMIN_PAGES as readonly string[]).includes(value)

function currentPage(): AdminPage {
  const hash = location.hash.replace(/^#\/?/, '')
  return isPage(hash) ? hash : 'directory'
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The page in the URL hash (#sessions …); the first page when there is none. */
export function useAdminPage(): AdminPage {
  return useSyncExternalStore(subscribe, currentPage)
}

export function goToPage(page: AdminPage): void {
  location.hash = page
}
