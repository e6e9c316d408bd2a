import { DepartmentTable } from './DepartmentTable'
import { DoctorTable } from './DoctorTable'
import { RoomList } from './RoomList'

/** 科室 / 医生 / 诊室: everything live on directory.changed through the shared directory store. */
export function DirectoryPage() {
  return (
    <div className="directory-page">
      <DepartmentTable />
      <RoomList />
      <div className="span-all">
        <DoctorTable />
      </div>
    </div>
  )
}
