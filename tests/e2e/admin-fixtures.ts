import { expect } from 'vitest'

/** Monday 2026-03-02, 07:30 in Asia/Shanghai (the default zone): the morning is still ahead. */
export const MONDAY_0730 = '2026-03-01T23:30:00.000Z'
export const TODAY = '2026-03-02'

/**
 * expect.poll with room for a loaded machine: account writes hash with scrypt and several
 * engineers' tests share two cores, so the default 1 s is too tight to mean "never".
 */
export const eventually = <T>(read: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> =>
  expect.poll(read, { timeout: 10_000 })
