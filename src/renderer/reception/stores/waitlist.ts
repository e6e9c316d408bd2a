import { hostAction, onHostEvent } from '../../api/host-action'

/** The desk's waitlist (候补) calls: one host call each (components never import the bridge). */
export const addToWaitlist = hostAction('waitlist.add')
export const listWaitlist = hostAction('waitlist.list')
export const cancelWaitlist = hostAction('waitlist.cancel')
export const listCallBacks = hostAction('waitlist.callBacks')
export const markCalledBack = hostAction('waitlist.calledBack')
export const acceptOffer = hostAction('waitlist.accept')
export const declineOffer = hostAction('waitlist.decline')
export const waitlistOfPatient = hostAction('waitlist.forPatient')
export const onWaitlistChanged = (listener: () => void) => onHostEvent('waitlist.changed', listener)
