import { describe, expect, test } from 'vitest'
import { filtersFor, maySave, registerSaveFile } from '../../src/main/windows/save-file'
import { IPC_SAVE_FILE } from '../../src/shared/save-file'

type Listener = (event: unknown, ...args: unknown[]) => unknown
const trusted = (u: string) => u.startsWith('file:///app/')

/** Electron's ipcMain and the save dialog, as far as saving uses them: the person picks `choice`. */
function fakeElectron(url: string, choice: string | null, failWrite = false) {
  const handlers = new Map<string, Listener>()
  const asked: { name: string; filters: unknown }[] = []
  const written: { path: string; bytes: Uint8Array }[] = []
  registerSaveFile(
    { handle: (channel, listener) => void handlers.set(channel, listener as Listener) },
    trusted,
    {
      ask: async (_sender, name, filters) => {
        asked.push({ name, filters })
        return choice
      },
      write: async (path, bytes) => {
        if (failWrite) throw new Error('disk full')
        written.push({ path, bytes })
      },
    },
  )
  const save = async (request: unknown) =>
    handlers.get(IPC_SAVE_FILE)!({ sender: {}, senderFrame: { url, parent: null } }, request)
  return { save, asked, written }
}

const bytes = new TextEncoder().encode('\uFEFF日期,医生\r\n')

describe('saving an export through the native save dialog', () => {
  test('the dialog gets the name and the format; the bytes go where the person chose', async () => {
    const app = fakeElectron('file:///app/admin.html', 'C:\\Users\\a\\Downloads\\march.csv')
    await expect(app.save({ name: 'appointments_2026-03.csv', bytes })).resolves.toEqual({
      saved: true,
      path: 'C:\\Users\\a\\Downloads\\march.csv',
    })
    expect(app.asked).toEqual([
      { name: 'appointments_2026-03.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] },
    ])
    expect(app.written).toHaveLength(1)
    expect(Buffer.from(app.written[0]!.bytes).toString('utf8')).toBe('\uFEFF日期,医生\r\n')
    expect(filtersFor('r.XLSX')).toEqual([{ name: 'Excel', extensions: ['xlsx'] }])
  })

  test('a dismissed dialog writes nothing; a failed write says so', async () => {
    const dismissed = fakeElectron('file:///app/doctor.html?doctor=1', null)
    await expect(dismissed.save({ name: 'a.xlsx', bytes })).resolves.toEqual({
      saved: false,
      reason: 'dismissed',
    })
    expect(dismissed.written).toEqual([])
    const full = fakeElectron('file:///app/admin.html', '/tmp/a.csv', true)
    await expect(full.save({ name: 'a.csv', bytes })).resolves.toEqual({
      saved: false,
      reason: 'failed',
    })
  })

  test('only our admin and doctor pages from their top frame; a name, never a path', async () => {
    expect(maySave({ url: 'file:///app/admin.html', parent: null }, trusted)).toBe(true)
    expect(maySave({ url: 'file:///app/doctor.html#x', parent: null }, trusted)).toBe(true)
    expect(maySave({ url: 'file:///app/reception.html', parent: null }, trusted)).toBe(false)
    expect(maySave({ url: 'https://evil.example/admin.html', parent: null }, trusted)).toBe(false)
    const top = { url: 'file:///app/admin.html', parent: null }
    expect(maySave({ url: 'file:///app/admin.html', parent: top }, trusted)).toBe(false)
    expect(maySave(null, trusted)).toBe(false)

    const reception = fakeElectron('file:///app/reception.html', '/tmp/x.csv')
    await expect(reception.save({ name: 'a.csv', bytes })).resolves.toEqual({
      saved: false,
      reason: 'forbidden',
    })
    const admin = fakeElectron('file:///app/admin.html', '/tmp/x.csv')
    for (const request of [
      { name: '../../etc/passwd', bytes },
      { name: 'C:\\Windows\\a.csv', bytes },
      { name: '', bytes },
      { name: '..', bytes },
      { name: 'a\u0000.csv', bytes },
      { name: 'a.csv', bytes: 'not bytes' },
      { name: 'a.csv', bytes, path: '/tmp/y' },
    ])
      await expect(admin.save(request)).resolves.toEqual({ saved: false, reason: 'invalid' })
    expect(reception.asked).toEqual([])
    expect(admin.asked).toEqual([])
    expect(admin.written).toEqual([])
  })
})
