import type { IncomingMessage } from 'node:http'
import type { Caller } from '../../shared/roles'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * DEVELOPMENT CONVENIENCE until staff login exists: a socket from this machine says which
 * screen it is (/rpc?screen=doctor&doctor=3). Refused from any other machine, so nothing on
 * the LAN reaches patient data without a login.
 */
export function pickScreenFromLoopback(request: IncomingMessage): Caller | null {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) return null
  const query = new URL(request.url ?? '/', 'http://host').searchParams
  const screen = query.get('screen')
  switch (screen) {
    case 'admin':
    case 'reception':
    case 'display':
      return { role: screen, label: `${screen}@loopback` }
    case 'doctor': {
      const doctorId = Number(query.get('doctor'))
      if (!Number.isSafeInteger(doctorId) || doctorId <= 0) return null
      return { role: 'doctor', doctorId, label: `doctor#${doctorId}@loopback` }
    }
    default:
      return null
  }
}
