import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { TICKET_PAPERS, type TicketPaper } from '../../shared/printing'
import { loadPrinters, setPrinterPrefs, usePrinter } from './stores/printer'

/**
 * This desk's ticket printer and paper, chosen at the desk and kept on this computer. The paper
 * follows the clinic's setting until the desk picks its own; the printer is Electron's list.
 */
export function PrinterSetup({ clinicPaper }: { clinicPaper: TicketPaper }) {
  const { t } = useTranslation()
  const { paper, deviceName, printers, silent, lastFailure } = usePrinter()
  useEffect(() => void loadPrinters(), [])
  return (
    <div className="rx-printer" data-testid="rx-printer">
      <label>
        {t('printer.paper')}{' '}
        <select
          value={paper ?? ''}
          onChange={(e) =>
            setPrinterPrefs({
              paper: e.target.value === '' ? null : (e.target.value as TicketPaper),
            })
          }
          data-testid="rx-printer-paper"
        >
          <option value="">{t('printer.clinicPaper', { paper: clinicPaper })}</option>
          {TICKET_PAPERS.map((p) => (
            <option key={p} value={p}>
              {t(`printer.papers.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {silent ? (
        <label>
          {t('printer.device')}{' '}
          <select
            value={deviceName ?? ''}
            onChange={(e) => setPrinterPrefs({ deviceName: e.target.value || null })}
            data-testid="rx-printer-device"
          >
            <option value="">{t('printer.systemDefault')}</option>
            {deviceName && !printers.some((p) => p.name === deviceName) ? (
              <option value={deviceName}>{t('printer.missing', { name: deviceName })}</option>
            ) : null}
            {printers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName || p.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="muted">{t('printer.browser')}</span>
      )}
      {lastFailure ? (
        <span className="rx-printer-failed" role="alert">
          {t('printer.failed', { reason: lastFailure })}
        </span>
      ) : null}
    </div>
  )
}
