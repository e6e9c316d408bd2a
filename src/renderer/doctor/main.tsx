import { mount } from '../components/mount'
import { prepareSound } from '../components/sound'
import { startDirectoryFeed } from '../stores/directory'
import { startDoctorPaidFeed } from './stores/paid'
import { startDoctorFeed } from './stores/queue'
import { DoctorScreen } from './DoctorScreen'

startDirectoryFeed()
startDoctorFeed()
startDoctorPaidFeed()
prepareSound()
mount(<DoctorScreen />)
