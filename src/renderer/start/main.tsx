import { mount } from '../components/mount'
import { StartScreen } from './StartScreen'

mount(<StartScreen />)
