import { mount } from '../components/mount'
import { prepareSound } from '../components/sound'
import { startDisplayFeed } from './stores/board'
import { spokenSentence } from './call-text'
import { DisplayScreen } from './DisplayScreen'
import { speak } from './speak'

/** After the chime has finished, so the two do not talk over each other. */
const SPEAK_AFTER_MS = 900

prepareSound()
startDisplayFeed((call) => setTimeout(() => speak(spokenSentence(call)), SPEAK_AFTER_MS))
mount(<DisplayScreen />)
