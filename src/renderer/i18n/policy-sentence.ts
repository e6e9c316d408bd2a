import { hasRuntimeText, runtimeText } from './readable'
import type { AppErrorShape } from '../../shared/errors'

/**
 * The sentence for a POLICY_REFUSED: the rule's own wording with the host's figures (the day a
 * suspension ends, when a band opens), so the desk can tell the patient why and until when;
 * null when the host named no rule this screen knows (the code's sentence then).
 */
export function policySentence(error: AppErrorShape): string | null {
  if (error.code !== 'POLICY_REFUSED') return null
  const rule = error.details?.rule
  if (typeof rule !== 'string') return null
  const key = `policyRefused.${rule}`
  if (!hasRuntimeText(key)) return null
  const sex = error.details?.sex
  const sexWord =
    sex === 'F' || sex === 'M'
      ? runtimeText(`auditText.sex.${sex}`)
      : runtimeText('auditText.empty')
  return runtimeText(key, { ...error.details, sexWord })
}
