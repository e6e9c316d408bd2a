import { createHash } from 'node:crypto'

/**
 * The SQL texts PostgreSQL's unit connections keep as named prepared statements: the hot path's
 * few (db/compiled.ts `namedOnPg`: the booking's, services/appointments/book-pg.ts), so the
 * server parses and plans them once per connection instead of on every booking. Only texts
 * registered here: any other query (built per call, with lists of varying length) stays unnamed,
 * so what a connection keeps is bounded by the code, never by the data. The client that sends
 * them by name is handles-pg.ts's NamingClient.
 */
const NAMED = new Map<string, string>()

/** Registers a text; its name is a digest of it, so every connection and host names it alike. */
export function nameOnPg(text: string): void {
  if (!NAMED.has(text))
    NAMED.set(text, `cd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`)
}

/** The name a registered text goes by, or undefined. */
export const pgNameOf = (text: string): string | undefined => NAMED.get(text)
