import { expect, test } from 'vitest'
import type { AffectedBooking } from '../../src/shared/contract'
import { BOM, toCsv } from '../../src/renderer/admin/leave/affected-csv'

const booking = (over: Partial<AffectedBooking>): AffectedBooking => ({
  appointmentId: 1,
  patientId: 1,
  patientName: '赵一',
  patientPhone: '13900000001',
  date: '2026-03-03',
  startTime: '09:00',
  endTime: '09:30',
  queueNo: 1,
  status: 'CONFIRMED',
  cancelReason: null,
  outcome: 'TO_CALL',
  movedTo: null,
  ...over,
})

test('CSV: BOM, CRLF, quoted separators and quotes, formulas kept as text, no phone as empty', () => {
  const csv = toCsv(
    [
      booking({}),
      booking({ appointmentId: 2, patientName: '钱"二", 小', patientPhone: null }),
      booking({ appointmentId: 3, patientName: '=HYPERLINK("x")' }),
    ],
    ['日期', '时段', '序号', '患者', '电话', '处理情况'],
    (b) => b.outcome,
  )
  expect(csv.startsWith(BOM)).toBe(true)
  expect(csv.slice(1).split('\r\n')).toEqual([
    '日期,时段,序号,患者,电话,处理情况',
    '2026-03-03,09:00-09:30,1,赵一,13900000001,TO_CALL',
    '2026-03-03,09:00-09:30,1,"钱""二"", 小",,TO_CALL',
    `2026-03-03,09:00-09:30,1,"'=HYPERLINK(""x"")",13900000001,TO_CALL`,
    '',
  ])
})
