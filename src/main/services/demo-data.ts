/** The demo clinic's content: what a newcomer recognises at once (Chinese names, a normal week). */

export const DEMO_DEPARTMENTS = [
  { department: '内科', doctors: [{ name: '王建国', title: '主任医师' }, { name: '李秀英', title: '副主任医师' }] },
  { department: '外科', doctors: [{ name: '张伟', title: '主治医师' }] },
  { department: '儿科', doctors: [{ name: '刘芳', title: '主治医师' }, { name: '陈静', title: '住院医师' }] },
  { department: '口腔科', doctors: [{ name: '赵磊', title: '副主任医师' }] },
] as const

/** Every doctor works Monday to Saturday, mornings and afternoons, in 30-minute bands of 4 (1 kept for walk-ins). */
export const DEMO_WEEK = {
  weekdays: [1, 2, 3, 4, 5, 6],
  sessions: [
    { startTime: '08:00', endTime: '12:00' },
    { startTime: '14:00', endTime: '17:30' },
  ],
  slotMinutes: 30,
  quotaPerSlot: 4,
  walkInPerSlot: 1,
} as const

export const DEMO_PATIENTS = [
  { name: '张三', sex: 'M', birthDate: '1985-03-12', phone: '13800138000' },
  { name: '李四', sex: 'M', birthDate: '1972-11-02', phone: '13912345678' },
  { name: '王芳', sex: 'F', birthDate: '1990-07-21', phone: '13612349876' },
  { name: '赵丽', sex: 'F', birthDate: '2016-05-30', phone: '15098765432' },
  { name: '孙浩然', sex: 'M', birthDate: '2019-01-15', phone: '18611112222' },
  { name: '周婷', sex: 'F', birthDate: '1968-09-09', phone: '17788889999' },
  { name: '吴磊', sex: 'M', birthDate: '2001-12-24', phone: '13533334444' },
  { name: '郑秀兰', sex: 'F', birthDate: '1950-02-28', phone: '13355556666' },
] as const
