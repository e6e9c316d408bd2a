import { mount } from '../components/mount'
import { startDirectoryFeed } from '../stores/directory'
import { startSettingsFeed } from './stores/settings'
import { AdminApp } from './AdminApp'
import './admin.css'

startDirectoryFeed()
startSettingsFeed()
mount(<AdminApp />)
