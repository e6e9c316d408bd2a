import { z } from 'zod'
import { isMethodName, methods, type MethodSpec } from '../../shared/contract'
import { AppError, fail, ok, type Result } from '../../shared/errors'
import { fieldIssue } from '../../shared/field-reason'
import type { Caller } from '../../shared/roles'
import type { Clock } from '../db/clock'
import type { Snapshots } from '../db/snapshots'
import type { ReportReader } from '../db/report-reader'
import type { ReadDb } from '../db/write'
import type { Units } from '../db/units'
import type { Handlers } from '../services/context'
import { ExportJobs } from '../services/exports/jobs'
import { createClient } from './client'
import type { Connection } from './connection'
import { refuseOtherDoctor } from './ownership'

/**
 * `connection` is the window or socket the call came on (absent for host-internal callers such
 * as the demo loader and tests): auth methods sign users in and out on it.
 */
export type Dispatch = (
  caller: Caller,
  method: string,
  params: unknown,
  connection?: Connection,
) => Promise<Result<unknown>>

/**
 * The one entry for every call from every transport: role → validate → owner → service → typed result.
 * It never throws: unexpected errors become INTERNAL (logged here, never sent to the screen).
 * The host's own callers use it through a typed Client (host/client.ts); so do handlers that
 * compose other methods (ctx.client), whose calls inside their ctx.write join its transaction.
 */
const NO_REPORTS: ReportReader = {
  dialect: 'sqlite',
  run: () => Promise.reject(new Error('this dispatcher was built without a report reader')),
  close: async () => {},
}

export function createDispatcher(
  handlers: Handlers,
  deps: {
    read: ReadDb
    snapshots: Snapshots
    writer: Units
    clock: Clock
    /** Absent in tests of the dispatcher alone: a report then fails as INTERNAL. */
    reports?: ReportReader
    /** The host's (closed with it); a dispatcher built alone gets its own. */
    exportJobs?: ExportJobs
  },
): Dispatch {
  const exportJobs = deps.exportJobs ?? new ExportJobs(deps.clock)
  const dispatch: Dispatch = async (caller, name, params, connection) => {
    if (!isMethodName(name))
      return fail('UNKNOWN_METHOD', { details: { method: String(name).slice(0, 100) } })
    const spec: MethodSpec = methods[name]
    // Role before input: a caller who may not call a method learns nothing about its shape.
    // A guest (nobody signed in on this connection) may call only the public methods.
    if (caller.role === 'guest') {
      if (!spec.public) return fail('UNAUTHENTICATED')
    } else if (!spec.roles.includes(caller.role)) return fail('FORBIDDEN')
    const parsed = validate(spec, params)
    if (!parsed.success) return invalidInput(parsed.error)
    const handler = handlers[name] as (input: unknown, ctx: unknown) => Promise<unknown>
    // Inside another call's unit (setup.init loading the demo) the connection is that unit's:
    // the host's read handle would refuse, so this call reads through the unit's transaction.
    const read = deps.writer.openRead() ?? deps.read
    try {
      // Ownership after input: which doctor a call is for is read from its (valid) input.
      const refused = await refuseOtherDoctor(spec, parsed.data, caller, read)
      if (refused) return refused
      const value = await handler(parsed.data, {
        caller,
        connection,
        method: name,
        read,
        snapshots: deps.snapshots,
        reports: deps.reports ?? NO_REPORTS,
        exportJobs,
        clock: deps.clock,
        engine: deps.writer.engine,
        write: (work: Parameters<Units['run']>[2]) => deps.writer.run(caller, name, work),
        writeGrouped: (work: Parameters<Units['run']>[2], order?: number) =>
          deps.writer.runGrouped(caller, name, work, order),
        writeSync: (work: Parameters<Units['runSync']>[2]) =>
          deps.writer.runSync(caller, name, work),
        changesSince: (rev: number) => deps.writer.since(rev),
        client,
      })
      return ok(value)
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() }
      console.error(`[dispatch] ${name} failed`, error)
      return fail('INTERNAL')
    }
  }
  const client = createClient(dispatch)
  return dispatch
}

/**
 * safeParse, which can still throw: zod runs a string's length checks on any object that has a
 * `length`, and comparing one whose valueOf and toString are not functions (plain JSON can say so)
 * throws a TypeError. Such input is as invalid as any other.
 *
 * Only params left out (undefined) mean "no params". `null` is a value, and not an object: read as
 * `{}` it let `backup.create` write a backup and `auth.openDisplay` turn a signed-in socket into the
 * display, so it is refused like any other params that are not an object.
 */
function validate(spec: MethodSpec, params: unknown): ReturnType<MethodSpec['input']['safeParse']> {
  try {
    return spec.input.safeParse(params === undefined ? {} : params)
  } catch {
    return {
      success: false,
      error: new z.ZodError([
        { code: 'custom', path: [], message: 'The input could not be read.', input: params },
      ]),
    }
  }
}

function invalidInput(error: z.ZodError): Result<never> {
  const issue = error.issues[0]
  if (!issue) return fail('INVALID_INPUT')
  // An unknown key is named by the key itself, so the screen can point at it like any other field;
  // the reason (and bound) lets it say why in its own language.
  const { field, reason, limit } = fieldIssue(issue)
  const message = `${field ? `${field}: ` : ''}${issue.message}`
  return fail('INVALID_INPUT', {
    field,
    reason,
    message,
    ...(limit !== undefined ? { details: { limit } } : {}),
  })
}
