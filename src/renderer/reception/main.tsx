import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { ReceptionScreen } from './ReceptionScreen'

startDirectoryFeed()
mount(<ReceptionScreen />)
