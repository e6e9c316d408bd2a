import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CALL, IPC_EVENT, type ClinicBridge } from '../shared/bridge'

/**
 * The whole surface a screen has onto the host: call a contract method, listen to an event.
 * Nothing raw from Electron reaches the page; the host decides who this window is.
 */
const clinic = {
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params),
  on: (event, listener) => {
    const relay = (_ipc: unknown, name: unknown, message: unknown): void => {
      if (name === event) (listener as (m: unknown) => void)(message)
    }
    ipcRenderer.on(IPC_EVENT, relay)
    return () => void ipcRenderer.removeListener(IPC_EVENT, relay)
  },
} satisfies ClinicBridge

contextBridge.exposeInMainWorld('clinic', clinic)
