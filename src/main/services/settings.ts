import { settingsMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const settingsHandlers = notBuiltYet(settingsMethods)
