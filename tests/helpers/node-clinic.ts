import { startBrowserMode, type BrowserMode } from '../../src/main/host/browser-mode'
import type { Doctor, Patient } from '../../src/shared/contract'
import { seedStaff } from './accounts'
import { startCutProxy, type CutProxy } from './cut-proxy'
import { tempDir } from './temp-dir'
import { ADMIN, makeTestHost, manualClock, RECEPTION, type TestHost } from './test-host'

/** Monday 2026-03-02, 09:10 in Asia/Shanghai; the clock stands still. */
export const NOW = '2026-03-02T01:10:00.000Z'
export const TODAY = '2026-03-02'
export const TOMORROW = '2026-03-03'

export interface NodeClinic {
  readonly host: TestHost
  readonly server: BrowserMode
  /** The link a renderer in this process dials (installRendererGlobals(proxy.address)). */
  readonly proxy: CutProxy
  readonly doctor: Doctor
  readonly departmentId: number
  /** 王芳 and 李明, returning patients. */
  readonly wang: Patient
  readonly li: Patient
  stop(): Promise<void>
}

/**
 * One department, one doctor with 30-minute bands 08:00–12:00 every day (4 places, 1 kept for
 * walk-ins), two patients; served in browser mode (no pages: the renderer runs in this process)
 * behind a relay that can cut the link.
 */
export async function startNodeClinic(): Promise<NodeClinic> {
  const host = await makeTestHost({ clock: manualClock(NOW) })
  await seedStaff(host)
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const room = await host.must(ADMIN, 'rooms.create', { name: '3诊室' })
  const doctor = await host.must(ADMIN, 'doctors.create', {
    name: '王建国',
    departmentId: dept.id,
    roomId: room.id,
  })
  for (let weekday = 1; weekday <= 7; weekday++)
    await host.must(ADMIN, 'templates.save', {
      doctorId: doctor.id,
      weekday,
      startTime: '08:00',
      endTime: '12:00',
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 1,
    })
  await host.must(ADMIN, 'schedules.generate', {})
  const wang = await host.must(RECEPTION, 'patients.register', {
    name: '王芳',
    sex: 'F',
    birthDate: '1985-04-12',
    phone: '13800135678',
  })
  const li = await host.must(RECEPTION, 'patients.register', {
    name: '李明',
    sex: 'M',
    birthDate: '1990-01-01',
    phone: '13912344321',
  })
  const renderer = tempDir()
  const server = await startBrowserMode({ host, rendererDir: renderer.path, port: 0 })
  const proxy = await startCutProxy(server.url.replace('http://', 'ws://') + '/rpc')
  return {
    host,
    server,
    proxy,
    doctor,
    departmentId: dept.id,
    wang,
    li,
    stop: async () => {
      await proxy.close()
      await server.close()
      await host.dispose()
      renderer.remove()
    },
  }
}
