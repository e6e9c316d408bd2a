/** The demo clinic's content: what a newcomer recognises at once (Chinese names, a normal week). */

export const DEMO_DEPARTMENTS = [
  {
    department: '内科',
    doctors: [
      { name: '王建国', title: '主任医师' },
      { name: '李秀英', title: '副主任医师' },
    ],
  },
  { department: '外科', doctors: [{ name: '张伟', title: '主治医师' }] },
  {
    department: '儿科',
    doctors: [
      { name: '刘芳', title: '主治医师' },
      { name: '陈静', title: '住院医师' },
    ],
  },
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

/** Patients with valid ID numbers (GB 11643 check character, birth date and sex agreeing), incl. polyphonic surnames (单 shan, 曾 zeng). */
export const DEMO_PATIENTS = [
  {
    name: '张三',
    sex: 'M',
    birthDate: '1985-03-12',
    phone: '13800138000',
    idNumber: '110105198503120135',
  },
  {
    name: '李四',
    sex: 'M',
    birthDate: '1972-11-02',
    phone: '13912345678',
    idNumber: '310104197211020155',
  },
  {
    name: '王芳',
    sex: 'F',
    birthDate: '1990-07-21',
    phone: '13612349876',
    idNumber: '44010619900721018X',
  },
  {
    name: '赵丽',
    sex: 'F',
    birthDate: '2016-05-30',
    phone: '15098765432',
    idNumber: '510107201605300200',
  },
  {
    name: '孙浩然',
    sex: 'M',
    birthDate: '2019-01-15',
    phone: '18611112222',
    idNumber: '330106201901150219',
  },
  {
    name: '周婷',
    sex: 'F',
    birthDate: '1968-09-09',
    phone: '17788889999',
    idNumber: '420102196809090244',
  },
  {
    name: '吴磊',
    sex: 'M',
    birthDate: '2001-12-24',
    phone: '13533334444',
    idNumber: '320102200112240252',
  },
  {
    name: '郑秀兰',
    sex: 'F',
    birthDate: '1950-02-28',
    phone: '13355556666',
    idNumber: '370102195002280283',
  },
  {
    name: '张伟',
    sex: 'M',
    birthDate: '1988-06-18',
    phone: '13701234567',
    idNumber: '11010819880618029X',
  },
  {
    name: '李娜',
    sex: 'F',
    birthDate: '1995-04-03',
    phone: '15811223344',
    idNumber: '310115199504030320',
  },
  {
    name: '单小红',
    sex: 'F',
    birthDate: '1979-10-27',
    phone: '13922334455',
    idNumber: '440304197910270348',
  },
  {
    name: '曾志强',
    sex: 'M',
    birthDate: '1963-08-15',
    phone: '18922223333',
    idNumber: '500103196308150356',
  },
  {
    name: '欧阳娜娜',
    sex: 'F',
    birthDate: '2008-01-09',
    phone: '13688776655',
    idNumber: '610113200801090382',
  },
] as const
