import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../api/session'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { LockScreen } from './LockScreen'
import { LoginForm } from './LoginForm'
import { currentPage, placeFor } from './pages'
import { SetupWizard } from './SetupWizard'
import { useIdleLock } from './useIdleLock'
import { openDisplay, refreshStatus } from './stores/session'
import './auth.css'

/**
 * Around every screen: first-run setup, sign-in, the idle lock. The screen itself renders only
 * while someone who may use it is signed in; its calls wait in the bridge until then.
 */
export function LoginGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const status = useSession((s) => s.status)
  const page = currentPage()
  const [setupDone, setSetupDone] = useState(false)
  const askedDisplay = useRef(false)
  const signedIn = status?.state === 'signed-in'
  useIdleLock(
    status?.idleLockMinutes ?? 0,
    signedIn && status?.role !== 'display' && status?.user !== null,
  )

  // The waiting-room display may open without a user when the clinic allows it.
  const displayWithoutUser =
    page === 'display' &&
    status?.state === 'signed-out' &&
    status.displayWithoutLogin &&
    !status.setupNeeded
  useEffect(() => {
    if (displayWithoutUser && !askedDisplay.current) {
      askedDisplay.current = true
      void openDisplay()
    }
  }, [displayWithoutUser])

  const place = status && signedIn ? placeFor(status, page) : null
  useEffect(() => {
    if (place && typeof place === 'object') location.replace(place.go)
  }, [place])

  if (signedIn && place === 'here') return <>{children}</>

  let body: ReactNode
  if (!status || displayWithoutUser || (place && typeof place === 'object'))
    body = <p className="auth-hint">{t('auth.checking')}</p>
  else if (status.setupNeeded)
    body = <SetupWizard onDone={() => (setSetupDone(true), void refreshStatus())} />
  else if (status.state === 'locked') body = <LockScreen status={status} />
  else if (place === 'wrong')
    body = (
      <>
        <p className="auth-error" role="alert">
          {t('auth.wrongScreen', { name: status.user?.name ?? '' })}
        </p>
        <LoginForm forDisplay={page === 'display'} switching />
      </>
    )
  else
    body = (
      <>
        {setupDone ? <p className="auth-hint">{t('setup.done')}</p> : null}
        {page === 'display' && !status.displayWithoutLogin ? (
          <p className="auth-hint">{t('auth.displayNeedsLogin')}</p>
        ) : null}
        <LoginForm forDisplay={page === 'display'} />
      </>
    )

  const screenName = page === 'start' ? '' : t(`screen.${page}`)
  const heading = status?.setupNeeded
    ? t('setup.title')
    : status?.state === 'locked'
      ? t('auth.lockTitle')
      : t('auth.title')
  return (
    <div className="auth-page" data-testid="auth-page" data-state={status?.state ?? 'unknown'}>
      <div className="auth-card card">
        <div className="auth-head">
          <div>
            <div className="auth-brand">{t('app.name')}</div>
            <h1>{heading}</h1>
            {status && !status.setupNeeded ? (
              <p className="auth-sub">
                {[status.clinicName, screenName].filter(Boolean).join(' · ')}
              </p>
            ) : null}
          </div>
          <LanguageSwitch />
        </div>
        {body}
      </div>
    </div>
  )
}
