import { i18next } from '../i18n'

/**
 * Says a sentence with the platform's speech synthesis, in a voice of the screen's language
 * (a zh-CN voice where one is installed). Where there is no speech engine or no voice it says
 * nothing: the sentence is always on screen as well.
 */
export function speak(text: string): void {
  const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined
  if (!synth) return
  const lang = i18next.language === 'en' ? 'en-US' : 'zh-CN'
  const voices = synth.getVoices()
  const voice =
    voices.find((v) => v.lang === lang) ?? voices.find((v) => v.lang.startsWith(lang.slice(0, 2)))
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = lang
  if (voice) utterance.voice = voice
  // Slightly slower than normal: a waiting room is noisy and the number must be caught.
  utterance.rate = 0.9
  synth.speak(utterance)
}
