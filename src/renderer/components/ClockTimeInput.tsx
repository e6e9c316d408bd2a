import type { InputHTMLAttributes } from 'react'
import { normalizeClockTime } from '../../shared/clock-time'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  readonly value: string
  readonly onChange: (value: string) => void
}

/**
 * A 24-hour HH:mm box. `<input type="time">` follows the browser's locale, and in zh-CN Chromium
 * shows 上午/下午 (AM/PM), which no clinic timetable uses; a text box with the pattern shows
 * 07:00 and 17:30 everywhere. "7:00", "730" and "1730" are tidied to HH:mm when the box is left;
 * the host still checks the value and marks the field if it is not a time.
 */
export function ClockTimeInput({ value, onChange, onBlur, ...rest }: Props) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="HH:mm"
      maxLength={5}
      size={5}
      pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        const tidy = normalizeClockTime(e.target.value)
        if (tidy !== e.target.value) onChange(tidy)
        onBlur?.(e)
      }}
    />
  )
}
