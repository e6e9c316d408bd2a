/**
 * Column headings of the exports, in the file's language (the manager's, chosen on the panel).
 * Kept here, not in the renderer's catalogue: the host writes the file.
 */
export type ExportLanguage = 'zh-CN' | 'en'

export const APPOINTMENT_COLUMNS: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': [
    '日期',
    '医生',
    '科室',
    '序号',
    '来源',
    '状态',
    '患者',
    '证件号',
    '签到时间',
    '完成时间',
    '取消时间',
    '取消原因',
    '已归档',
  ],
  en: [
    'Date',
    'Doctor',
    'Department',
    'Queue no.',
    'Source',
    'Status',
    'Patient',
    'ID number',
    'Checked in',
    'Completed',
    'Canceled',
    'Cancel reason',
    'Archived',
  ],
}

export const SUMMARY_COLUMNS: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': [
    '周期',
    '分组',
    '预约',
    '现场挂号',
    '加号',
    '完成',
    '爽约',
    '爽约率',
    '取消',
    '候诊中位数(秒)',
    '候诊P90(秒)',
    '就诊中位数(秒)',
    '就诊P90(秒)',
    '提供号源',
    '已用号源',
    '未用号源',
  ],
  en: [
    'Period',
    'Group',
    'Bookings',
    'Walk-ins',
    'Extras',
    'Completed',
    'No-shows',
    'No-show rate',
    'Canceled',
    'Wait median (s)',
    'Wait p90 (s)',
    'Visit median (s)',
    'Visit p90 (s)',
    'Places offered',
    'Places used',
    'Places unused',
  ],
}

export const HEAT_MAP_COLUMNS: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': ['星期', '时段', '预约数'],
  en: ['Weekday', 'Hour', 'Appointments'],
}

export const CANCELLATION_COLUMNS: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': ['周期', '分组', '取消原因', '次数'],
  en: ['Period', 'Group', 'Cancel reason', 'Count'],
}

/** ISO weekday 1 (Monday) … 7, as the file's reader says it. */
export const WEEKDAY_NAMES: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
}

/** A report row's key when it is a source, and the whole clinic's row (key null). */
export const GROUP_NAMES: Record<ExportLanguage, Readonly<Record<string, string>>> = {
  'zh-CN': {
    PHONE: '电话预约',
    WALK_IN: '现场挂号',
    EXTRA: '加号',
    CASH: '现金',
    WECHAT: '微信',
    ALIPAY: '支付宝',
    CARD: '银行卡',
    INSURANCE: '医保',
    FREE: '免收',
    '': '全部',
  },
  en: {
    PHONE: 'Phone',
    WALK_IN: 'Walk-in',
    EXTRA: 'Extra (加号)',
    CASH: 'Cash',
    WECHAT: 'WeChat Pay',
    ALIPAY: 'Alipay',
    CARD: 'Bank card',
    INSURANCE: 'Insurance',
    FREE: 'Free',
    '': 'All',
  },
}

/**
 * reports.revenue's table. Money stays integer fen in the file, as in the database: a spreadsheet
 * divides exactly, and a float never holds money (the screen shows 元).
 */
export const REVENUE_COLUMNS: Record<ExportLanguage, readonly string[]> = {
  'zh-CN': [
    '周期',
    '分组',
    '实收(分)',
    '退款(分)',
    '净收入(分)',
    '收费人次',
    '退费人次',
    '免收人次',
  ],
  en: [
    'Period',
    'Group',
    'Taken (fen)',
    'Refunded (fen)',
    'Net (fen)',
    'Paid visits',
    'Refunded visits',
    'Free visits',
  ],
}
