// Toasts and the screen-reader announcer.
import { ERROR_STRINGS } from '../../../../shared/words/error-strings';
import type { Strings } from '../../i18n/i18n';

export const NOTICES_STRINGS: Strings = {
  en: {
    region: 'Notifications',
    dismiss: 'Dismiss',
    errorLabel: 'Error',
    completed: '{{name}} completed',
    failed: '{{name}} failed: {{reason}}',
    failedNoReason: '{{name}} failed',
    paused: '{{name}} paused: {{reason}}',
    completedMany_one: '{{count}} download completed',
    completedMany_other: '{{count}} downloads completed',
    failedMany_one: '{{count}} download failed',
    failedMany_other: '{{count}} downloads failed',
    pausedMany_one: '{{count}} download paused by an error',
    pausedMany_other: '{{count}} downloads paused by errors',
    notification: { completed: 'Download completed', failed: 'Download failed', paused: 'Download paused' },
    error: ERROR_STRINGS.en,
  },
  'zh-CN': {
    region: '通知',
    dismiss: '关闭',
    errorLabel: '出错了',
    completed: '{{name}} 已下载完成',
    failed: '{{name}} 下载失败：{{reason}}',
    failedNoReason: '{{name}} 下载失败',
    paused: '{{name}} 已暂停：{{reason}}',
    completedMany_other: '{{count}} 个任务已下载完成',
    failedMany_other: '{{count}} 个任务下载失败',
    pausedMany_other: '{{count}} 个任务因出错而暂停',
    notification: { completed: '下载完成', failed: '下载失败', paused: '下载已暂停' },
    error: ERROR_STRINGS['zh-CN'],
  },
};
