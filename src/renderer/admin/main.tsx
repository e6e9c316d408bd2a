import { mount } from '../components/mount'
import { AdminScreen } from './AdminScreen'
import { startDirectoryFeed } from '../stores/directory'

startDirectoryFeed()
mount(<AdminScreen />)
