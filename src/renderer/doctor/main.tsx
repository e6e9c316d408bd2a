import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { DoctorScreen } from './DoctorScreen'

startDirectoryFeed()
mount(<DoctorScreen />)
