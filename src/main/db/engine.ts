/**
 * Which engine a host stores into. SQLite, in the host's own file, is the default and needs
 * nothing; CLINIC_DATABASE_URL=postgres://… (or postgresql://…) selects a PostgreSQL server that
 * several hosts can share.
 */
export type Engine =
  { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly url: string }

export function selectEngine(env: Record<string, string | undefined>): Engine {
  const url = env.CLINIC_DATABASE_URL?.trim()
  if (!url) return { kind: 'sqlite' }
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url }
  throw new Error(
    `CLINIC_DATABASE_URL must be a postgres://… address (or unset for the built-in SQLite file); got "${url.replace(/\/\/[^@/]*@/, '//…@')}"`,
  )
}
