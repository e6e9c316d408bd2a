import { hostAction } from '../../api/host-action'

/** A range's figures by period and group (read on the host's own read-only report connection). */
export const reportSummary = hostAction('reports.summary')

/** A range's money (admin only): taken, refunded, net and visits by period and group. */
export const reportRevenue = hostAction('reports.revenue')
