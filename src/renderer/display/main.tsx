import { mount } from '../components/mount'
import { prepareSound } from '../components/sound'
import { startDisplayFeed, useDisplayBoard } from './stores/board'
import { spokenSentence } from './call-text'
import { DisplayScreen } from './DisplayScreen'
import { speak } from './speak'

/** After the chime has finished, so the two do not talk over each other. */
const SPEAK_AFTER_MS = 900

prepareSound()
startDisplayFeed((call) =>
  setTimeout(() => {
    // A call dropped meanwhile (the patient was seen, or the room called again) is not said.
    if (useDisplayBoard.getState().calling === call) speak(spokenSentence(call))
  }, SPEAK_AFTER_MS),
)
mount(<DisplayScreen />)
