/**
 * What the waiting room may show of a name: the first and last characters, the rest starred.
 * 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明. Works on characters, not UTF-16 units.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** A resident ID number as a ticket prints it: region code and last four, the birth date hidden. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (!idNumber) return null
  if (idNumber.length < 10) return '*'.repeat(idNumber.length)
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`
}
