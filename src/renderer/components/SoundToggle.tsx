import './feedback.css'
import { setSoundWanted, useSound } from './sound'

/**
 * Sound on/off. When sound is wanted but the browser has not allowed it yet, the button says so:
 * one click on it (a user gesture) is what the browser needs.
 */
export function SoundToggle({ labels }: { labels: { on: string; off: string; blocked: string } }) {
  const { wanted, unlocked, chimes } = useSound()
  const state = !wanted ? 'off' : unlocked ? 'on' : 'blocked'
  return (
    <button
      type="button"
      className={`sound-toggle sound-${state}`}
      data-testid="sound-toggle"
      data-state={state}
      data-chimes={chimes}
      aria-pressed={wanted}
      onClick={() => setSoundWanted(state !== 'on')}
    >
      <span className="sound-dot" aria-hidden="true" />
      {labels[state]}
    </button>
  )
}
