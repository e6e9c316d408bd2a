import { create } from 'zustand'

const STORAGE_KEY = 'clinicdesk.display.rooms'

/** Reads the stored choice: a list of doctor ids, or null (every room) when absent or unreadable. */
export function parseRooms(stored: string | null): readonly number[] | null {
  if (stored === null) return null
  try {
    const value: unknown = JSON.parse(stored)
    if (Array.isArray(value) && value.every((v) => Number.isInteger(v) && v > 0))
      return value as number[]
  } catch {
    // An unreadable choice shows every room rather than none.
  }
  return null
}

/**
 * The rooms this display PC shows (by doctor), kept in this PC's localStorage: a screen by the
 * stairs may show only the rooms upstairs. null shows every room on duty.
 */
export const useDisplayRooms = create<{ readonly rooms: readonly number[] | null }>(() => ({
  rooms: parseRooms(localStorage.getItem(STORAGE_KEY)),
}))

export function setDisplayRooms(rooms: readonly number[] | null): void {
  if (rooms === null) localStorage.removeItem(STORAGE_KEY)
  else localStorage.setItem(STORAGE_KEY, JSON.stringify(rooms))
  useDisplayRooms.setState({ rooms })
}

/** Turns one room on or off; `all` is every room on the board now (the choice starts from it). */
export function toggleDisplayRoom(doctorId: number, all: readonly number[]): void {
  const now = useDisplayRooms.getState().rooms ?? all
  const next = now.includes(doctorId) ? now.filter((id) => id !== doctorId) : [...now, doctorId]
  setDisplayRooms(all.every((id) => next.includes(id)) ? null : next)
}
