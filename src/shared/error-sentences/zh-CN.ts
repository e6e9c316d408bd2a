import type { ErrorCode } from '../errors'

/** 简体中文: what the Chinese screens show for each code; as complete as the code list, by its type. */
export const errorSentencesZhCN: Record<ErrorCode, string> = {
  INVALID_INPUT: '输入有误，请检查后重试。',
  FORBIDDEN: '您没有权限进行此操作。',
  NOT_FOUND: '该记录已不存在。',
  UNKNOWN_METHOD: '主机不认识这个请求，请升级软件。',
  CONFLICT: '已存在同名记录。',
  STALE: '数据已被他人修改，请刷新后重试。',
  SLOT_TAKEN: '手慢了，该时段刚被抢走！',
  SLOT_CLOSED: '该时段已停诊。',
  SLOT_IN_PAST: '该时段已过。',
  SLOT_HELD: '该时段最后的号正被其他窗口锁定。',
  OUT_OF_HORIZON: '该日期超出可预约范围。',
  ALREADY_BOOKED: '该患者当天已有这位医生的预约。',
  HOLD_EXPIRED: '锁号已超时，请重新选择时段。',
  NO_PLACES: '今天已无可挂的号。',
  ILLEGAL_TRANSITION: '当前状态下不能进行此操作。',
  DUPLICATE_PATIENT: '已有相同信息的患者。',
  UNAUTHENTICATED: '请先登录。',
  BAD_CREDENTIALS: '用户名或密码不正确。',
  ACCOUNT_LOCKED: '该账号输错次数过多，请稍候再试。',
  RATE_LIMITED: '这里输错密码的次数过多，请稍候再试。',
  WRONG_SCREEN: '该账号不能使用这个屏幕。',
  PATIENT_MERGED: '该患者档案已合并到另一份档案，请使用那份档案。',
  INTERNAL: '主机出错了，未做任何更改。',
  DISCONNECTED: '主机应答前连接中断。请等连接恢复后先查看结果，再决定是否重试。',
}
