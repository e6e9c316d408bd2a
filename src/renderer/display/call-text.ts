import { i18next } from '../i18n'
import type { CallMessage } from './stores/board'

/** Where to go: the room's name, or the doctor's room when no room is set. */
export const roomOf = (call: Pick<CallMessage, 'roomName' | 'doctorName'>): string =>
  call.roomName ?? i18next.t('display.doctorRoom', { doctor: call.doctorName })

/** The banner's sentence: "请 12 号 张*三 到 3诊室 就诊". */
export const callSentence = (call: CallMessage): string =>
  i18next.t('display.callText', { no: call.queueNo, name: call.maskedName, room: roomOf(call) })

/**
 * What is said aloud. A speech engine reads "*" as "star", so the masked character is spoken
 * as 某 (张*三 → 张某三), the usual way to leave a name out in Chinese.
 */
export const spokenSentence = (call: CallMessage): string =>
  i18next.t('display.callSpoken', {
    no: call.queueNo,
    name: call.maskedName.replaceAll('*', '某'),
    room: roomOf(call),
  })
