import { describe, expect, test } from 'vitest'
import { mayPrint, registerPrinting, silentPrintOptions } from '../../src/main/windows/printing'
import { autoplayPolicyFor } from '../../src/main/windows/web-preferences'
import { IPC_PRINT, IPC_PRINTERS, pageRule } from '../../src/shared/printing'

type Listener = (event: unknown, ...args: unknown[]) => unknown

/** Electron's ipcMain and a window's webContents, as far as printing uses them. */
function fakeElectron(url: string, parent: object | null = null) {
  const handlers = new Map<string, Listener>()
  const printed: unknown[] = []
  const sender = {
    getPrintersAsync: async () => [
      { name: 'XP-80C', displayName: 'Xprinter 80', description: '', options: {} },
    ],
    print: (options: unknown, callback?: (success: boolean, reason: string) => void) => {
      printed.push(options)
      callback?.(true, '')
    },
  }
  registerPrinting(
    { handle: (channel, listener) => void handlers.set(channel, listener as Listener) },
    (u) => u.startsWith('file:///app/'),
  )
  const invoke = async (channel: string, ...args: unknown[]) =>
    handlers.get(channel)!({ sender, senderFrame: { url, parent } }, ...args)
  return { invoke, printed }
}

describe('printing in the Electron app', () => {
  test('silent, to the chosen printer, on the paper in microns', () => {
    expect(silentPrintOptions({ deviceName: 'XP-80C', paper: '80mm' })).toEqual({
      silent: true,
      printBackground: true,
      deviceName: 'XP-80C',
      pageSize: { width: 80_000, height: 120_000 },
      margins: { marginType: 'none' },
    })
    expect(silentPrintOptions({ deviceName: null, paper: '58mm' })).not.toHaveProperty('deviceName')
    expect(pageRule('58mm')).toBe('@page { size: 58mm 110mm; margin: 3mm; }')
    expect(pageRule('A4')).toBe('@page { size: A4; margin: 15mm; }')
  })

  test('only the reception page of our build, from its top frame, may print', async () => {
    const trusted = (u: string) => u.startsWith('file:///app/')
    expect(mayPrint({ url: 'file:///app/reception.html?x=1', parent: null }, trusted)).toBe(true)
    expect(mayPrint({ url: 'file:///app/display.html', parent: null }, trusted)).toBe(false)
    expect(mayPrint({ url: 'https://evil.example/reception.html', parent: null }, trusted)).toBe(
      false,
    )
    const top = { url: 'file:///app/reception.html', parent: null }
    expect(mayPrint({ url: 'file:///app/reception.html', parent: top }, trusted)).toBe(false)
    expect(mayPrint(null, trusted)).toBe(false)

    const admin = fakeElectron('file:///app/admin.html')
    await expect(admin.invoke(IPC_PRINTERS)).resolves.toEqual([])
    await expect(admin.invoke(IPC_PRINT, { deviceName: null, paper: '80mm' })).resolves.toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(admin.printed).toEqual([])
  })

  test('the printer list and a print job, a bad job refused without printing', async () => {
    const desk = fakeElectron('file:///app/reception.html')
    await expect(desk.invoke(IPC_PRINTERS)).resolves.toEqual([
      { name: 'XP-80C', displayName: 'Xprinter 80' },
    ])
    await expect(desk.invoke(IPC_PRINT, { deviceName: 'XP-80C', paper: 'B5' })).resolves.toEqual({
      ok: false,
      reason: 'invalid print job',
    })
    await expect(
      desk.invoke(IPC_PRINT, { deviceName: 'XP-80C', paper: '80mm', extra: 1 }),
    ).resolves.toMatchObject({ ok: false })
    expect(desk.printed).toEqual([])
    await expect(desk.invoke(IPC_PRINT, { deviceName: 'XP-80C', paper: '80mm' })).resolves.toEqual({
      ok: true,
    })
    expect(desk.printed).toEqual([silentPrintOptions({ deviceName: 'XP-80C', paper: '80mm' })])
  })

  test('the display and doctor windows play sound without a click; the others keep the default', () => {
    expect(autoplayPolicyFor('display')).toBe('no-user-gesture-required')
    expect(autoplayPolicyFor('doctor')).toBe('no-user-gesture-required')
    expect(autoplayPolicyFor('reception')).toBe('document-user-activation-required')
    expect(autoplayPolicyFor('admin')).toBe('document-user-activation-required')
  })
})
