import { beforeAll, describe, expect, test } from 'vitest'
import type { Board } from '../../src/shared/contract'
import {
  advance,
  arrive,
  forRooms,
  NO_CALLS,
  prune,
  type CallMessage,
  type HeardCall,
} from '../../src/renderer/display/call-queue'
import { installRendererGlobals } from '../helpers/renderer-in-node'

// The pure rules behind the waiting-room banner and this PC's display and printer choices.
const call = (doctorId: number, queueNo: number, rev = queueNo): CallMessage => ({
  doctorId,
  doctorName: `医生${doctorId}`,
  roomName: `${doctorId}诊室`,
  queueNo,
  maskedName: '张*三',
  rev,
})
const heard = (c: CallMessage, after: number): HeardCall => ({ call: c, after })
const board = (rooms: Record<number, number | null>): Board => ({
  date: '2026-03-02',
  rooms: Object.entries(rooms).map(([id, no]) => ({
    doctorId: Number(id),
    doctorName: `医生${id}`,
    roomName: `${id}诊室`,
    calling: no === null ? null : { queueNo: no, maskedName: '张*三' },
    next: [],
  })),
})

describe('the banner shows each room’s current call', () => {
  test('a newer call of the room on the banner replaces it at once; another room waits its turn', () => {
    const first = heard(call(1, 12), 0)
    let q = arrive(NO_CALLS, first)
    expect(q.showing).toBe(first)
    const other = heard(call(2, 3), 0)
    q = arrive(q, other)
    expect(q.showing).toBe(first)
    expect(q.pending).toEqual([other])
    const newer = heard(call(1, 13), 1)
    q = arrive(q, newer)
    expect(q.showing).toBe(newer) // not queued behind 12
    expect(q.pending).toEqual([other])
    // Room 2 calls again while waiting: only its newest waits.
    const other2 = heard(call(2, 4), 1)
    q = arrive(q, other2)
    expect(q.pending).toEqual([other2])
    expect(advance(q)).toEqual({ showing: other2, pending: [] })
  })

  test('a board read after the call drops it when the room shows someone else or nobody', () => {
    const a = heard(call(1, 12), 4)
    const b = heard(call(2, 3), 4)
    const q = arrive(arrive(NO_CALLS, a), b)
    // Request 5 was sent after both calls: patient 12 has finished (room 1 empty), room 2 still calls 3.
    const after = prune(q, board({ 1: null, 2: 3 }), 5)
    expect(after).toEqual({ showing: b, pending: [] })
    // Room 2 moved on to 4: nothing is left to show.
    expect(prune(after, board({ 1: null, 2: 4 }), 6)).toEqual(NO_CALLS)
    // A room that left the board takes its call with it.
    expect(prune(q, board({ 2: 3 }), 5).showing).toBe(b)
  })

  test('a board older than the call (its request sent before the call came) keeps the call', () => {
    const a = heard(call(1, 12), 7)
    const q = arrive(NO_CALLS, a)
    expect(prune(q, board({ 1: 11 }), 7)).toBe(q)
    expect(prune(q, board({ 1: 12 }), 8)).toBe(q)
  })

  test('a display showing some rooms hears only their calls', () => {
    expect(forRooms(null, call(3, 1))).toBe(true)
    expect(forRooms([1, 2], call(3, 1))).toBe(false)
    expect(forRooms([1, 3], call(3, 1))).toBe(true)
  })
})

describe('choices kept on this PC', () => {
  beforeAll(() => installRendererGlobals('127.0.0.1:9'))

  test('the display’s rooms: a list of doctor ids, or every room when unset or unreadable', async () => {
    const { parseRooms, toggleDisplayRoom, useDisplayRooms } =
      await import('../../src/renderer/display/stores/display-rooms')
    expect(parseRooms(null)).toBeNull()
    expect(parseRooms('[2,5]')).toEqual([2, 5])
    expect(parseRooms('[2,"x"]')).toBeNull()
    expect(parseRooms('{')).toBeNull()
    toggleDisplayRoom(2, [1, 2, 3])
    expect(useDisplayRooms.getState().rooms).toEqual([1, 3])
    expect(localStorage.getItem('clinicdesk.display.rooms')).toBe('[1,3]')
    toggleDisplayRoom(2, [1, 2, 3]) // every room again: stored as "all", so new rooms show too
    expect(useDisplayRooms.getState().rooms).toBeNull()
    expect(localStorage.getItem('clinicdesk.display.rooms')).toBeNull()
  })

  test('the desk’s printer and paper: unknown values fall back to the clinic’s', async () => {
    const { parsePrinterPrefs, setPrinterPrefs } =
      await import('../../src/renderer/reception/stores/printer')
    expect(parsePrinterPrefs(null)).toEqual({ deviceName: null, paper: null })
    expect(parsePrinterPrefs('{"deviceName":"XP-80C","paper":"58mm"}')).toEqual({
      deviceName: 'XP-80C',
      paper: '58mm',
    })
    expect(parsePrinterPrefs('{"deviceName":"","paper":"B5"}')).toEqual({
      deviceName: null,
      paper: null,
    })
    expect(parsePrinterPrefs('not json')).toEqual({ deviceName: null, paper: null })
    setPrinterPrefs({ paper: 'A4' })
    expect(parsePrinterPrefs(localStorage.getItem('clinicdesk.printer'))).toEqual({
      deviceName: null,
      paper: 'A4',
    })
  })
})
