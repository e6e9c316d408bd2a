import type { Caller } from '../../shared/roles'

/** The screens a window can show, and the caller the main process binds to each. */
export type Screen =
  | { readonly kind: 'reception' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'display' }
  | { readonly kind: 'doctor'; readonly doctorId: number }

export function callerFor(screen: Screen): Caller {
  if (screen.kind === 'doctor')
    return { role: 'doctor', doctorId: screen.doctorId, label: `doctor#${screen.doctorId}@window` }
  return { role: screen.kind, label: `${screen.kind}@window` }
}

/** The page and query that show a screen (the same pages browser mode serves). */
export function pageFor(screen: Screen): { page: string; query: Record<string, string> } {
  if (screen.kind === 'doctor')
    return { page: 'doctor.html', query: { doctor: String(screen.doctorId) } }
  return { page: `${screen.kind}.html`, query: {} }
}
