import { i18next } from '../../i18n'
import { secretProblem } from '../../../shared/contract/secret-policy'

/**
 * Why this new secret would be refused for this account, in the user's language: the same
 * policy the host applies (secret-policy.ts), so the admin reads the reason, not a generic rule.
 */
export function secretProblemText(account: {
  secret: string
  username: string
  role: string
}): string {
  const problem = secretProblem(account.secret, account) ?? 'shape'
  return i18next.t(`auth.secretProblem.${problem}`)
}
