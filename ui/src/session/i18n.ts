import type { Messages } from "../i18n/messages";

export const zhCN = {
  setup: {
    title: "欢迎使用前台",
    subtitle: "首次使用：请填写门店名称，并创建第一位店长账号。",
    shopSection: "门店",
    managerSection: "店长账号",
    staffNoHint: "登录时使用的工号，如 1001",
    pinHint: "4–8 位数字，仅保存加密摘要",
    submit: "完成设置并登录",
  },
  signIn: {
    title: "员工登录",
    submit: "登录",
    staffNoPlaceholder: "工号",
    pinPlaceholder: "PIN 密码",
  },
  lock: {
    title: "已锁屏",
    subtitle: "{{name}}（工号 {{staffNo}}），请输入 PIN 解锁",
    unlock: "解锁",
    switchStaff: "切换员工",
  },
  override: {
    title: "店长授权",
    explain: "「{{action}}」需要店长授权。请店长输入本人工号和 PIN，授权本次操作。",
    staffNo: "店长工号",
    pin: "店长 PIN",
    submit: "授权并继续",
    note: "授权只用于这一次操作，并记入审计日志。",
  },
};

export const en: Messages<typeof zhCN> = {
  setup: {
    title: "Welcome to Frontdesk",
    subtitle: "First run: name your shop and create the first manager account.",
    shopSection: "Shop",
    managerSection: "Manager account",
    staffNoHint: "Used to sign in, e.g. 1001",
    pinHint: "4–8 digits; only a salted hash is stored",
    submit: "Finish setup and sign in",
  },
  signIn: {
    title: "Staff sign-in",
    submit: "Sign in",
    staffNoPlaceholder: "Staff number",
    pinPlaceholder: "PIN",
  },
  lock: {
    title: "Locked",
    subtitle: "{{name}} (staff no. {{staffNo}}), enter your PIN to unlock",
    unlock: "Unlock",
    switchStaff: "Switch staff",
  },
  override: {
    title: "Manager authorisation",
    explain: "“{{action}}” needs a manager. Ask a manager to enter her own staff number and PIN to authorise this one action.",
    staffNo: "Manager's staff number",
    pin: "Manager's PIN",
    submit: "Authorise and continue",
    note: "The authorisation covers this one action and is recorded in the audit trail.",
  },
};
