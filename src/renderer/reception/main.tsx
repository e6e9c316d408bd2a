import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { startClinicFeed } from '../stores/reception-clinic'
import { startDayListFeed } from '../stores/reception-daylist'
import { startDeskFeed } from '../stores/reception-desk'
import { ReceptionScreen } from './ReceptionScreen'

startDirectoryFeed()
startClinicFeed()
startDeskFeed()
startDayListFeed()
mount(<ReceptionScreen />)
