import { contextBridge, ipcRenderer } from 'electron'
import {
  IPC_CALL,
  IPC_EVENT,
  IPC_RESET,
  type ClinicPreload,
  type IpcEventBatch,
} from '../shared/bridge'
import { IPC_PRINT, IPC_PRINTERS, type ClinicPrinter } from '../shared/printing'
import { IPC_SAVE_FILE, type ClinicFiles } from '../shared/save-file'

type Relay = (message: unknown) => void

/** The page's listeners by event name; one IPC listener feeds them all, so a commit's events keep their order. */
const listeners = new Map<string, Set<Relay>>()

ipcRenderer.on(IPC_EVENT, (_ipc: unknown, batch: unknown) => {
  if (!Array.isArray(batch)) return
  for (const { event, message } of batch as IpcEventBatch)
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(message)
      } catch (error) {
        // A broken listener must not cost the page the rest of the commit's events.
        console.error('[clinic] event listener failed', error)
      }
    }
})

/** Told when the host's bus skipped changes: the page re-reads (renderer/api/bridge.ts). */
const resetListeners = new Set<() => void>()
ipcRenderer.on(IPC_RESET, () => {
  for (const listener of resetListeners) listener()
})

/**
 * The whole surface a screen has onto the host: call a contract method, listen to an event.
 * Nothing raw from Electron reaches the page; the host decides who this window is.
 */
const clinic = {
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params),
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    // Wrapped so that the same function subscribed twice is two subscriptions, each undone alone.
    const own: Relay = (message) => (listener as Relay)(message)
    set.add(own)
    return () => void set.delete(own)
  },
  onReset: (listener) => {
    const own = () => listener()
    resetListeners.add(own)
    return () => void resetListeners.delete(own)
  },
} satisfies ClinicPreload

contextBridge.exposeInMainWorld('clinic', clinic)

/** Silent ticket printing in the app: the printers of this computer, and print this page to one. */
const clinicPrinter = {
  printers: () => ipcRenderer.invoke(IPC_PRINTERS),
  print: (job) => ipcRenderer.invoke(IPC_PRINT, job),
} satisfies ClinicPrinter

contextBridge.exposeInMainWorld('clinicPrinter', clinicPrinter)

/** A finished export saved where the person chooses, through the system's save dialog in main. */
const clinicFiles = {
  saveFile: (name, bytes) => ipcRenderer.invoke(IPC_SAVE_FILE, { name, bytes }),
} satisfies ClinicFiles

contextBridge.exposeInMainWorld('clinicFiles', clinicFiles)
