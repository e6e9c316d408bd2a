import { hostAction } from '../../api/host-action'

/** A range's figures by period and group (read on the host's own read-only report connection). */
export const reportSummary = hostAction('reports.summary')
