// Toasts and the screen-reader announcer.
import type { Strings } from '../../i18n/i18n';

export const NOTICES_STRINGS: Strings = {
  en: {
    region: 'Notifications',
    dismiss: 'Dismiss',
    error: 'Error',
    completed: '{{name}} completed',
    failed: '{{name}} failed',
    completedMany_one: '{{count}} download completed',
    completedMany_other: '{{count}} downloads completed',
    failedMany_one: '{{count}} download failed',
    failedMany_other: '{{count}} downloads failed',
  },
  'zh-CN': {
    region: '通知',
    dismiss: '关闭',
    error: '出错了',
    completed: '{{name}} 已下载完成',
    failed: '{{name}} 下载失败',
    completedMany_other: '{{count}} 个任务已下载完成',
    failedMany_other: '{{count}} 个任务下载失败',
  },
};
