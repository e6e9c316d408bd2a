import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { DisplayScreen } from './DisplayScreen'

startDirectoryFeed()
mount(<DisplayScreen />)
