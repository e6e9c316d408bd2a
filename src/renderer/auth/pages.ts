import type { AuthStatus } from '../../shared/contract'

/** The page this document is, from its file name: index.html is the sign-in start page. */
export type PageKind = 'start' | 'reception' | 'doctor' | 'display' | 'admin'

export function currentPage(): PageKind {
  const name =
    location.pathname
      .split('/')
      .pop()
      ?.replace(/\.html$/, '') ?? ''
  return name === 'reception' || name === 'doctor' || name === 'display' || name === 'admin'
    ? name
    : 'start'
}

/** The screen a signed-in user belongs on (browser mode: where the start page leads). */
export function homeOf(status: AuthStatus): string {
  switch (status.role) {
    case 'admin':
      return './admin.html'
    case 'doctor':
      return `./doctor.html?doctor=${status.doctorId ?? ''}`
    case 'display':
      return './display.html'
    default:
      return './reception.html'
  }
}

/**
 * Whether this page can serve the signed-in caller, or where to send them instead.
 * (The host enforces the real rules on every call; this only spares the user a screen of refusals.)
 */
export function placeFor(status: AuthStatus, page: PageKind): 'here' | { go: string } | 'wrong' {
  const role = status.role
  if (page === 'start') return { go: homeOf(status) }
  if (status.screen) return 'here' // Electron: the main process chose this window's screen.
  if (page === 'display') return 'here'
  if (page === 'admin') return role === 'admin' ? 'here' : 'wrong'
  if (page === 'reception') return role === 'reception' || role === 'admin' ? 'here' : 'wrong'
  if (role !== 'doctor') return 'wrong'
  const asked = new URLSearchParams(location.search).get('doctor')
  return asked === String(status.doctorId) ? 'here' : { go: homeOf(status) }
}
