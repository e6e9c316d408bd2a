import type { feeMethods } from '../../../shared/contract/fees'
import { quoteFee, rulesInForce } from '../../../shared/fees'
import type { HandlersFor } from '../context'
import { clinicNow, readSettings } from '../settings'
import { addRule, readRules } from './rules'
import { visitFacts } from './visit'

/** The registration-fee price list: read it, add to it, and quote a visit from it. */
export const feeHandlers: HandlersFor<typeof feeMethods> = {
  'fees.rules': async ({ on }, { read }) => {
    const rules = await readRules(read)
    return on === undefined ? rules : rulesInForce(rules, on)
  },

  'fees.setRule': async (input, { read, clock, write, caller }) => {
    const { today } = clinicNow(clock, await readSettings(read))
    return write((w) => addRule(w, input, today, caller.label))
  },

  'fees.quote': async (input, { read }) => {
    const facts = await visitFacts(read, input)
    return quoteFee(await readRules(read), facts)
  },
}
