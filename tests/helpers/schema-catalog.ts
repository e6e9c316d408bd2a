import type { Database } from 'better-sqlite3'
import type { ClientBase } from 'pg'

/**
 * Both engines' schemas read from their own catalogs (sqlite_schema and PRAGMAs; pg_catalog) into
 * one shape, so the parity test can say exactly what differs. Types are compared as families:
 * SQLite INTEGER = PostgreSQL bigint, TEXT = text, REAL = double precision.
 */
export interface TableShape {
  columns: string[] // "name type [not null]", in column order
  primaryKey: string
  uniques: string[] // column lists of unique constraints and unique indexes, sorted
  checks: number // how many CHECK constraints the table has
}
export interface IndexShape {
  table: string
  unique: boolean
  columns: string // "a,b"; an expression is "(expr)"
}
export interface Catalog {
  tables: Record<string, TableShape>
  indexes: Record<string, IndexShape> // only indexes created by name, not those behind constraints
  triggers: string[] // "table.trigger"
}

const family = (type: string): string => {
  const t = type.toLowerCase()
  if (t === 'integer' || t === 'bigint') return 'int'
  if (t === 'real' || t === 'double precision') return 'real'
  if (t === 'text') return 'text'
  return `?${t}`
}

export function sqliteCatalog(db: Database): Catalog {
  const catalog: Catalog = { tables: {}, indexes: {}, triggers: [] }
  const tables = db
    .prepare(
      "select name, sql from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
    )
    .all() as { name: string; sql: string }[]
  for (const { name, sql } of tables) {
    // FTS5's virtual table and its shadow tables have no catalog rows worth comparing.
    if (/^create virtual table/i.test(sql) || isFtsShadow(db, name)) continue
    const cols = db.pragma(`table_xinfo(${quote(name)})`) as {
      name: string
      type: string
      notnull: number
      pk: number
    }[]
    const pk = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
    const indexList = db.pragma(`index_list(${quote(name)})`) as {
      name: string
      unique: number
      origin: string
    }[]
    const uniques: string[] = []
    for (const index of indexList) {
      const columns = sqliteIndexColumns(db, index.name)
      if (index.unique && index.origin !== 'pk') uniques.push(columns)
      if (index.origin === 'c')
        catalog.indexes[index.name] = { table: name, unique: index.unique === 1, columns }
    }
    catalog.tables[name] = {
      // STRICT tables and WITHOUT ROWID keep primary-key columns NOT NULL.
      columns: cols.map(
        (c) => `${c.name} ${family(c.type)}${c.notnull || c.pk ? ' not null' : ''}`,
      ),
      primaryKey: pk.join(','),
      uniques: uniques.sort(),
      checks: (sql.match(/\bCHECK\s*\(/gi) ?? []).length,
    }
  }
  const triggers = db
    .prepare("select tbl_name, name from sqlite_schema where type = 'trigger' order by name")
    .all() as { tbl_name: string; name: string }[]
  catalog.triggers = triggers.map((t) => `${t.tbl_name}.${t.name}`)
  return catalog
}

const quote = (name: string): string => `'${name.replace(/'/g, "''")}'`

function isFtsShadow(db: Database, name: string): boolean {
  const owner = /^(.*)_(data|idx|docsize|config|content)$/.exec(name)?.[1]
  if (!owner) return false
  const row = db
    .prepare("select sql from sqlite_schema where type = 'table' and name = ?")
    .get(owner) as { sql: string } | undefined
  return !!row && /^create virtual table/i.test(row.sql)
}

function sqliteIndexColumns(db: Database, index: string): string {
  const cols = db.pragma(`index_info(${quote(index)})`) as { cid: number; name: string | null }[]
  return cols.map((c) => (c.cid === -2 || c.name === null ? '(expr)' : c.name)).join(',')
}

export async function pgCatalog(client: ClientBase): Promise<Catalog> {
  const catalog: Catalog = { tables: {}, indexes: {}, triggers: [] }
  const { rows: tables } = await client.query<{ name: string; oid: number }>(
    `select c.relname as name, c.oid::int as oid from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
  )
  for (const { name, oid } of tables) {
    const { rows: cols } = await client.query<{ name: string; type: string; notnull: boolean }>(
      `select attname as name, format_type(atttypid, null) as type, attnotnull as notnull
       from pg_attribute where attrelid = $1 and attnum > 0 and not attisdropped order by attnum`,
      [oid],
    )
    const { rows: indexes } = await client.query<{
      name: string
      unique: boolean
      primary: boolean
      constraint: boolean
      columns: string
    }>(
      `select i.relname as name, x.indisunique as "unique", x.indisprimary as "primary",
         exists (select 1 from pg_constraint k where k.conindid = x.indexrelid) as "constraint",
         (select string_agg(case when u.k = 0 then '(expr)' else a.attname end, ',' order by u.o)
            from unnest(x.indkey::int2[]) with ordinality as u(k, o)
            left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.k) as columns
       from pg_index x join pg_class i on i.oid = x.indexrelid
       where x.indrelid = $1 order by i.relname`,
      [oid],
    )
    const { rows: checks } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_constraint where conrelid = $1 and contype = 'c'`,
      [oid],
    )
    for (const index of indexes) {
      if (!index.constraint)
        catalog.indexes[index.name] = { table: name, unique: index.unique, columns: index.columns }
    }
    catalog.tables[name] = {
      columns: cols.map((c) => `${c.name} ${family(c.type)}${c.notnull ? ' not null' : ''}`),
      primaryKey: indexes.find((i) => i.primary)?.columns ?? '',
      uniques: indexes
        .filter((i) => i.unique && !i.primary)
        .map((i) => i.columns)
        .sort(),
      checks: checks[0]?.n ?? 0,
    }
  }
  const { rows: triggers } = await client.query<{ name: string }>(
    `select c.relname || '.' || t.tgname as name from pg_trigger t
     join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal order by t.tgname`,
  )
  catalog.triggers = triggers.map((t) => t.name)
  return catalog
}
