/**
 * The numbered SQL files of db/migrations, bundled into the build by Vite
 * (nothing is read from disk at runtime, so it works from inside app.asar).
 */
const files = import.meta.glob<string>('/db/migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

export function parseMigrations(sources: Record<string, string>): Migration[] {
  const list = Object.entries(sources).map(([path, sql]) => {
    const name = path.split('/').pop() ?? path
    const match = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(name)
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${name}`)
    return { version: Number(match[1]), name, sql }
  })
  list.sort((a, b) => a.version - b.version)
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 1, 2, 3… without gaps: found ${m.name}`)
  })
  return list
}

export const MIGRATIONS: readonly Migration[] = parseMigrations(files)
