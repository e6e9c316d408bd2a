import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { StartScreen } from './StartScreen'

startDirectoryFeed()
mount(<StartScreen />)
