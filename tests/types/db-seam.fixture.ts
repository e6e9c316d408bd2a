// Misuses of the database seam that must not compile: each line after a @ts-expect-error is one.
// `npm run typecheck` checks this file as it is (an unused @ts-expect-error is an error there),
// and tests/unit/db-seam-types.test.ts compiles it without the directives and checks that every
// marked line, and only those, fails. Keep each misuse on one line.
import { CompiledQuery, sql } from 'kysely'
import { compiled } from '../../src/main/db/compiled'
import type { ReadDb } from '../../src/main/db/read'
import type { UnitContext, Writer } from '../../src/main/db/write'
import type { ServiceContext } from '../../src/main/services/context'
import type { Caller } from '../../src/shared/roles'

declare const read: ReadDb
declare const ctx: ServiceContext
declare const writer: Writer
declare const actor: Caller

const byId = compiled<{ id: number }>()
const patientName = byId((db, $) =>
  db.selectFrom('patients').select('name').where('id', '=', $('id')),
)
const removePatient = byId((db, $) => db.deleteFrom('patients').where('id', '=', $('id')))
const ids = (db: Parameters<Parameters<ReadDb['with']>[1]>[0]) =>
  db.selectFrom('patients').select('id')
const sync = (w: UnitContext) => w.now
const later = async (w: UnitContext) => w.now

export async function readHandle(): Promise<unknown[]> {
  return [
    // What the read handle is for: these compile.
    await read.selectFrom('patients').select('name').where('id', '=', 1).execute(),
    await read.with('p', ids).selectFrom('p').selectAll().execute(),
    await patientName.all(read, { id: 1 }),
    // @ts-expect-error the read handle cannot delete
    await read.deleteFrom('patients').execute(),
    // @ts-expect-error nor insert
    await read.insertInto('patients').values({ name: 'x' }).execute(),
    // @ts-expect-error nor update
    await read.updateTable('patients').set({ name: 'x' }).execute(),
    // @ts-expect-error nor open a transaction of its own
    await read.transaction().execute(async () => {}),
    // @ts-expect-error with(…) leads to a SELECT only
    await read.with('p', ids).deleteFrom('patients').execute(),
    // @ts-expect-error no raw SQL through executeQuery
    await read.executeQuery(sql`DELETE FROM patients`),
    // @ts-expect-error not even compiled: only db/compiled.ts's SELECTs
    await read.executeQuery(CompiledQuery.raw('DELETE FROM patients')),
    // @ts-expect-error a compiled write runs only inside a unit of work
    await removePatient.all(read, { id: 1 }),
  ]
}

export async function units(): Promise<unknown[]> {
  return [
    await writer.runSync(actor, 'fine', sync),
    await ctx.writeSync(sync),
    await ctx.write(async (w) => w.tx.selectFrom('patients').select('id').execute()),
    // @ts-expect-error runSync takes synchronous work only
    await writer.runSync(actor, 'async', later),
    // @ts-expect-error nor an async arrow
    await writer.runSync(actor, 'async', async () => 1),
    // @ts-expect-error the same for the service context's writeSync
    await ctx.writeSync(later),
    // @ts-expect-error a unit's context has no read handle to wait on
    await ctx.write(async (w) => w.read.selectFrom('patients').select('id').execute()),
  ]
}
