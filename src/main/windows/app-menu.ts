import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { Doctor } from '../../shared/contract'
import type { Screen } from './screens'

/** The host's menu: open any screen, including one window per doctor's room. */
export function buildAppMenu(doctors: readonly Doctor[], open: (screen: Screen) => void): void {
  const screens: MenuItemConstructorOptions[] = [
    {
      label: '挂号台 Reception',
      accelerator: 'CmdOrCtrl+1',
      click: () => open({ kind: 'reception' }),
    },
    {
      label: '诊室 Doctor',
      submenu: doctors
        .filter((d) => d.active)
        .map((d) => ({
          label: `${d.name} ${d.title}`,
          click: () => open({ kind: 'doctor', doctorId: d.id }),
        })),
    },
    {
      label: '候诊大屏 Waiting-room display',
      accelerator: 'CmdOrCtrl+3',
      click: () => open({ kind: 'display' }),
    },
    { label: '管理 Admin', accelerator: 'CmdOrCtrl+4', click: () => open({ kind: 'admin' }) },
  ]
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { label: '窗口 Screens', submenu: screens },
      { role: 'viewMenu' },
    ]),
  )
}
