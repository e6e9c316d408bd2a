import type { Generated } from 'kysely'
import type { FeeRuleKind } from '../../shared/contract/fees'

/** Tables of 0012_fees.sql. */
export interface FeeRulesTable {
  id: Generated<number>
  kind: FeeRuleKind
  target: string
  amount_fen: number
  effective_from: string
  created_by: string
  created_at: string
}

export interface FeeTables {
  fee_rules: FeeRulesTable
}
