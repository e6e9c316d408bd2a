import { useEffect } from 'react'
import { lock } from './stores/session'

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const

/** Locks the screen after `minutes` without a key or pointer (0 = never). The host then refuses every call until unlocked. */
export function useIdleLock(minutes: number, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return
    let timer = 0
    const arm = (): void => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => void lock(), minutes * 60_000)
    }
    arm()
    for (const type of ACTIVITY)
      window.addEventListener(type, arm, { passive: true, capture: true })
    return () => {
      window.clearTimeout(timer)
      for (const type of ACTIVITY) window.removeEventListener(type, arm, { capture: true })
    }
  }, [minutes, enabled])
}
