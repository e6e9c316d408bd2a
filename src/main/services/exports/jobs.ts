import { randomBytes } from 'node:crypto'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { open, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EXPORT_CHUNK_BYTES,
  EXPORT_KEEP_MS,
  type ExportJob,
} from '../../../shared/contract/exports'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import type { Clock } from '../../db/clock'
import type { Connection } from '../../host/connection'
import { ExportCanceled, type ExportTarget } from './run'

/**
 * Who may see a job: the caller who started it, on the window or socket it was started on. A
 * second tab, another admin or the same admin after signing in again gets NOT_FOUND (the job id
 * alone is not enough), so a file with ID numbers never reaches anyone but the one who asked.
 */
export interface JobOwner {
  readonly caller: Caller
  readonly connection?: Connection
}

interface Job {
  readonly jobId: string
  readonly owner: JobOwner
  readonly file: string
  readonly fileName: string
  readonly controller: AbortController
  state: ExportJob['state']
  done: number
  total: number
  bytes: number
  error: string | null
  /** The host's clock when it finished: the file is kept EXPORT_KEEP_MS after that. */
  finishedAt: number | null
  settled: Promise<void>
}

/** The work a job runs: the engine's export with the job's file, progress and cancel. */
export type ExportWork = (
  target: Pick<ExportTarget, 'file' | 'signal' | 'onProgress'>,
) => Promise<{ rows: number }>

const sameOwner = (a: JobOwner, b: JobOwner): boolean =>
  a.connection === b.connection &&
  a.caller.label === b.caller.label &&
  a.caller.staffId === b.caller.staffId &&
  a.caller.role === b.caller.role

/** Files older than this in exports/ are removed at start-up: no job of an earlier run can fetch them. */
export const STALE_EXPORT_MS = 24 * 60 * 60 * 1000

/** At start-up: what an earlier run left in exports/ (a crash mid-export, a file never fetched). */
export function sweepExportFolder(folder: string, now: Date): number {
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return 0
  }
  for (const name of names) {
    const file = join(folder, name)
    try {
      if (now.getTime() - statSync(file).mtimeMs > STALE_EXPORT_MS) {
        rmSync(file, { force: true })
        removed++
      }
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return removed
}

/**
 * The host's export jobs, in memory (a restart forgets them; their files are swept at the next
 * start). A job runs in the background of the call that started it; its owner polls its status,
 * cancels it, and fetches the finished file in pieces, after which the file is removed.
 */
export class ExportJobs {
  readonly #jobs = new Map<string, Job>()
  readonly #clock: Clock
  readonly #sweeper: NodeJS.Timeout

  /**
   * @param folder where this host writes export files (createHost: `exports/` in its data folder,
   * on either engine); without one, next to the SQLite file.
   */
  constructor(
    clock: Clock,
    readonly folder?: string,
  ) {
    this.#clock = clock
    this.#sweeper = setInterval(() => this.#expireAll(), 60_000)
    this.#sweeper.unref()
  }

  start(owner: JobOwner, place: { file: string; fileName: string }, work: ExportWork): ExportJob {
    this.#expireAll()
    for (const j of this.#jobs.values())
      if (j.state === 'running' && sameOwner(j.owner, owner))
        throw new AppError('CONFLICT', {
          message: 'An export of yours is still running: wait for it or cancel it first.',
          details: { jobId: j.jobId },
        })
    const job: Job = {
      jobId: randomBytes(16).toString('hex'),
      owner,
      ...place,
      controller: new AbortController(),
      state: 'running',
      done: 0,
      total: 0,
      bytes: 0,
      error: null,
      finishedAt: null,
      settled: Promise.resolve(),
    }
    this.#jobs.set(job.jobId, job)
    job.settled = this.#run(job, work)
    return view(job)
  }

  async #run(job: Job, work: ExportWork): Promise<void> {
    try {
      await work({
        file: job.file,
        signal: job.controller.signal,
        onProgress: (done, total) => {
          job.done = done
          job.total = total
        },
      })
      if (job.controller.signal.aborted) throw new ExportCanceled()
      job.bytes = (await stat(job.file)).size
      job.state = 'done'
    } catch (error) {
      // The engine removed its partial file; a canceled job after the last page may still have one.
      await rm(job.file, { force: true })
      if (job.controller.signal.aborted) job.state = 'canceled'
      else {
        job.state = 'failed'
        job.error = error instanceof AppError ? error.code : 'INTERNAL'
        if (!(error instanceof AppError)) console.error('[exports] a job failed', error)
      }
    }
    job.finishedAt = this.#clock.now().getTime()
  }

  status(owner: JobOwner, jobId: string): ExportJob {
    return view(this.#own(owner, jobId))
  }

  async cancel(owner: JobOwner, jobId: string): Promise<ExportJob> {
    const job = this.#own(owner, jobId)
    if (job.state === 'running') {
      job.controller.abort()
      await job.settled
    } else if (job.state === 'done') {
      await rm(job.file, { force: true })
      job.state = 'canceled'
    }
    return view(job)
  }

  /** One piece of a finished file; the last one removes it from the host. */
  async read(
    owner: JobOwner,
    jobId: string,
    offset: number,
  ): Promise<{ offset: number; dataBase64: string; bytes: number; eof: boolean }> {
    const job = this.#own(owner, jobId)
    if (job.state === 'expired' || job.state === 'canceled') throw new AppError('EXPORT_EXPIRED')
    if (job.state !== 'done')
      throw new AppError('CONFLICT', {
        message: 'The export has not finished.',
        details: { state: job.state },
      })
    if (offset > job.bytes)
      throw new AppError('INVALID_INPUT', {
        field: 'offset',
        message: 'offset: past the end of the file',
      })
    const length = Math.min(EXPORT_CHUNK_BYTES, job.bytes - offset)
    const buffer = Buffer.alloc(length)
    const handle = await open(job.file, 'r')
    try {
      await handle.read(buffer, 0, length, offset)
    } finally {
      await handle.close()
    }
    const eof = offset + length >= job.bytes
    if (eof) this.#expire(job)
    return { offset, dataBase64: buffer.toString('base64'), bytes: job.bytes, eof }
  }

  /** Host shutdown: running jobs stop and remove their files; finished ones are removed too. */
  async close(): Promise<void> {
    clearInterval(this.#sweeper)
    for (const job of this.#jobs.values()) job.controller.abort()
    await Promise.all([...this.#jobs.values()].map((j) => j.settled))
    for (const job of this.#jobs.values()) this.#expire(job)
  }

  #own(owner: JobOwner, jobId: string): Job {
    this.#expireAll()
    const job = this.#jobs.get(jobId)
    if (!job || !sameOwner(job.owner, owner))
      throw new AppError('NOT_FOUND', { field: 'jobId', message: 'No such export of yours.' })
    return job
  }

  #expireAll(): void {
    const now = this.#clock.now().getTime()
    for (const job of this.#jobs.values()) {
      if (job.finishedAt === null) continue
      if (job.state === 'done' && now - job.finishedAt > EXPORT_KEEP_MS) this.#expire(job)
      // What the owner no longer needs to ask about is forgotten an hour later.
      if (now - job.finishedAt > 6 * EXPORT_KEEP_MS) this.#jobs.delete(job.jobId)
    }
  }

  #expire(job: Job): void {
    rmSync(job.file, { force: true })
    if (job.state === 'done') job.state = 'expired'
  }
}

const view = (j: Job): ExportJob => ({
  jobId: j.jobId,
  state: j.state,
  done: j.done,
  total: j.total,
  fileName: j.fileName,
  bytes: j.bytes,
  error: j.error,
})
