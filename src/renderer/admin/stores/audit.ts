import { hostAction } from '../../api/host-action'

/** One page of the audit log (newest first, from a cursor). */
export const listAudit = hostAction('audit.list')
/** Re-walks the hash chain on the host: ok, or the first row that does not fit. */
export const verifyAudit = hostAction('audit.verify')
