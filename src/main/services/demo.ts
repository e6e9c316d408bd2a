import type { MethodInput, MethodName, MethodResult } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { Dispatch } from '../host/dispatcher'

const DEMO_ADMIN: Caller = { role: 'admin', label: 'demo-loader' }

/** The demo clinic: departments and doctors a newcomer recognises. Loaded through the contract, like any admin would. */
const DEMO = [
  { department: '内科', doctors: [{ name: '王建国', title: '主任医师' }, { name: '李秀英', title: '副主任医师' }] },
  { department: '外科', doctors: [{ name: '张伟', title: '主治医师' }] },
  { department: '儿科', doctors: [{ name: '刘芳', title: '主治医师' }, { name: '陈静', title: '住院医师' }] },
  { department: '口腔科', doctors: [{ name: '赵磊', title: '副主任医师' }] },
]

/** Loads the demo clinic into an empty database; a database with any department is left alone. */
export async function seedDemoClinic(dispatch: Dispatch): Promise<boolean> {
  const call = async <M extends MethodName>(method: M, params: MethodInput<M>): Promise<MethodResult<M>> => {
    const result = await dispatch(DEMO_ADMIN, method, params)
    if (!result.ok) throw new Error(`Demo clinic: ${method} failed: ${result.error.message}`)
    return result.value as MethodResult<M>
  }
  const existing = await call('directory.get', {})
  if (existing.departments.length > 0) return false
  let roomNo = 0
  for (const { department, doctors } of DEMO) {
    const created = await call('departments.create', { name: department })
    for (const doctor of doctors) {
      const room = await call('rooms.create', { name: `${++roomNo}诊室` })
      await call('doctors.create', { ...doctor, departmentId: created.id, roomId: room.id })
    }
  }
  return true
}
