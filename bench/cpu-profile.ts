import { Session } from 'node:inspector/promises'

/** A V8 CPU profile as the inspector's Profiler.stop returns it (the fields read here). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number
    readonly hitCount?: number
    readonly callFrame: {
      readonly functionName: string
      readonly url: string
      readonly lineNumber: number
    }
  }[]
  readonly startTime: number
  readonly endTime: number
}

/**
 * The inspector's sampling profiler in this very process: start() before the window to profile,
 * stop() after it. In-process, so only the window is sampled (node --cpu-prof would take the
 * set-up too).
 */
export async function startProfiler(intervalUs = 100): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
  await session.post('Profiler.start')
  return {
    stop: async () => {
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile }
      session.disconnect()
      return profile
    },
  }
}

/** Where a frame's code lives, for the roll-up: a package, Node itself, V8, or this project. */
function origin(url: string, name: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (pkg && !url.includes('/.cache/clinicdesk-workers/')) return pkg[1]!
  if (url.startsWith('node:')) return 'node (internal)'
  if (url === '') return name.startsWith('(') ? name : '(native / V8 builtins)'
  return 'ClinicDesk (bundle)'
}

/**
 * Self time per frame (function, file, line) and per origin, largest first, as lines to print:
 * "  12.3 %  functionName  file:line".
 */
export function topFrames(
  profile: CpuProfile,
  count = 25,
): { frames: string[]; origins: string[] } {
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1
  const byFrame = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  for (const { hitCount = 0, callFrame } of profile.nodes) {
    if (hitCount === 0) continue
    const file = callFrame.url.split('/').pop() || '(no file)'
    const key = `${callFrame.functionName || '(anonymous)'}  ${file}:${callFrame.lineNumber + 1}`
    byFrame.set(key, (byFrame.get(key) ?? 0) + hitCount)
    const where = origin(callFrame.url, callFrame.functionName)
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + hitCount)
  }
  const lines = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => `  ${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  return { frames: lines(byFrame, count), origins: lines(byOrigin, 12) }
}
