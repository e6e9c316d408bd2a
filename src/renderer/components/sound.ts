import { create } from 'zustand'

/**
 * A short chime through WebAudio (no audio files to ship) and the switch that allows it.
 *
 * Browsers start an AudioContext suspended until the user has clicked or pressed a key on the
 * page. So the switch remembers the user's choice, and when the page opens with sound wanted
 * but not yet allowed, the first click or key press anywhere on the page unlocks it.
 */
export interface SoundState {
  /** The user wants sound (remembered per computer). */
  readonly wanted: boolean
  /** The browser lets us play now. */
  readonly unlocked: boolean
  /** How many chimes were asked for (played or not): tests and the toggle read it. */
  readonly chimes: number
}

const STORAGE_KEY = 'clinicdesk.sound'

export const useSound = create<SoundState>(() => ({
  wanted: localStorage.getItem(STORAGE_KEY) !== 'off',
  unlocked: false,
  chimes: 0,
}))

let context: AudioContext | null = null

/** Creates or resumes the AudioContext; only succeeds inside a user gesture (or where autoplay is allowed). */
async function unlock(): Promise<boolean> {
  try {
    context ??= new AudioContext()
    if (context.state !== 'running') await context.resume()
  } catch {
    return false
  }
  const running = context.state === 'running'
  useSound.setState({ unlocked: running })
  return running
}

/** Turns sound on or off; call it from a click so the browser lets the audio start. */
export function setSoundWanted(wanted: boolean): void {
  localStorage.setItem(STORAGE_KEY, wanted ? 'on' : 'off')
  useSound.setState({ wanted })
  if (wanted) void unlock()
}

/** Unlocks audio on the first gesture if sound is wanted; also tries at once (Electron allows autoplay). */
export function prepareSound(): void {
  const onGesture = (): void => {
    if (!useSound.getState().wanted) return
    void unlock().then((ok) => {
      if (ok) {
        window.removeEventListener('pointerdown', onGesture, true)
        window.removeEventListener('keydown', onGesture, true)
      }
    })
  }
  window.addEventListener('pointerdown', onGesture, true)
  window.addEventListener('keydown', onGesture, true)
  // Electron's windows (and kiosk browsers) may allow audio without a gesture: try at once.
  if (useSound.getState().wanted) void unlock()
}

/** Whether a chime would be heard right now. */
export const soundReady = (): boolean => {
  const { wanted, unlocked } = useSound.getState()
  return wanted && unlocked && context?.state === 'running'
}

/**
 * Two soft notes (a "ding-dong"): noticeable in a consulting room without startling a patient.
 * Silently does nothing when sound is off or not yet allowed; the screen always shows the news as well.
 */
export function playChime(notes: readonly number[] = [880, 660]): void {
  useSound.setState((s) => ({ chimes: s.chimes + 1 }))
  const ctx = context
  if (!soundReady() || !ctx) return
  const start = ctx.currentTime + 0.01
  notes.forEach((frequency, i) => {
    const at = start + i * 0.28
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = frequency
    // A quick attack and an exponential fade: no click at either end.
    gain.gain.setValueAtTime(0.0001, at)
    gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6)
    osc.connect(gain).connect(ctx.destination)
    osc.start(at)
    osc.stop(at + 0.62)
  })
}
