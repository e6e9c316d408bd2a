import type { Transaction } from 'kysely'
import {
  REVISIT_MAX_DAYS,
  UNTARGETED_KINDS,
  type FeeRule,
  type FeeRuleKind,
} from '../../../shared/contract/fees'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb, WriteContext } from '../../db/write'
import { requireDoctor } from '../common/doctor-access'

type Db = ReadDb | Transaction<DB>

/** Every price-list rule, newest first, as domain objects. */
export async function readRules(db: Db): Promise<FeeRule[]> {
  const rows = await db
    .selectFrom('fee_rules')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    target: r.target,
    amountFen: r.amount_fen,
    effectiveFrom: r.effective_from,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }))
}

export interface NewRule {
  readonly kind: FeeRuleKind
  readonly target: string
  readonly amountFen: number
  readonly effectiveFrom: string
}

/**
 * Checks a rule against the day and the directory, before any write: not in the past (the past was
 * charged under the rules then in force), a target only where the kind has one and naming
 * something real, and a REVISIT_DAYS window of sensible length.
 */
async function checkRule(db: Db, rule: NewRule, today: string): Promise<void> {
  if (rule.effectiveFrom < today)
    throw new AppError('INVALID_INPUT', {
      field: 'effectiveFrom',
      message: 'A price change cannot take effect before today.',
    })
  const untargeted = UNTARGETED_KINDS.includes(rule.kind)
  if (untargeted && rule.target !== '')
    throw new AppError('INVALID_INPUT', {
      field: 'target',
      message: 'This kind of rule applies clinic-wide and takes no target.',
    })
  if (!untargeted && rule.target === '')
    throw new AppError('INVALID_INPUT', { field: 'target', message: 'Say what the fee is for.' })
  if (rule.kind === 'DOCTOR' || rule.kind === 'DEPARTMENT') {
    if (!/^[1-9]\d{0,9}$/.test(rule.target))
      throw new AppError('INVALID_INPUT', { field: 'target', message: 'Expected an id.' })
    const targetId = Number(rule.target)
    if (rule.kind === 'DOCTOR') await requireDoctor(db, targetId, 'target')
    else {
      const dept = await db
        .selectFrom('departments')
        .select('id')
        .where('id', '=', targetId)
        .executeTakeFirst()
      if (!dept)
        throw new AppError('NOT_FOUND', {
          field: 'target',
          message: 'That department does not exist.',
        })
    }
  }
  if (rule.kind === 'REVISIT_DAYS' && rule.amountFen > REVISIT_MAX_DAYS)
    throw new AppError('INVALID_INPUT', {
      field: 'amountFen',
      message: `The 复诊 window is at most ${REVISIT_MAX_DAYS} days.`,
    })
}

/** Appends a rule (rules are never updated or deleted), audited in the same transaction. */
export async function addRule(
  w: WriteContext,
  rule: NewRule,
  today: string,
  createdBy: string,
): Promise<FeeRule> {
  await checkRule(w.tx, rule, today)
  const row = await w.tx
    .insertInto('fee_rules')
    .values({
      kind: rule.kind,
      target: rule.target,
      amount_fen: rule.amountFen,
      effective_from: rule.effectiveFrom,
      created_by: createdBy,
      created_at: w.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  w.audit({ entity: 'fee_rule', entityId: row.id, after: rule })
  w.emit('fees.changed', { ruleId: row.id })
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    amountFen: row.amount_fen,
    effectiveFrom: row.effective_from,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }
}
