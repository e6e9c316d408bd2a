import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { startClinicFeed } from './stores/clinic'
import { startDayListFeed } from './stores/daylist'
import { startPaidFeed } from './stores/paid'
import { startDeskFeed } from './stores/desk'
import { startPolicyFeed } from './stores/policy'
import { ReceptionScreen } from './ReceptionScreen'

startDirectoryFeed()
startClinicFeed()
startDeskFeed()
startDayListFeed()
startPaidFeed()
startPolicyFeed()
mount(<ReceptionScreen />)
