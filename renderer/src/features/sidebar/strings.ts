import type { Strings } from '../../i18n/i18n';

export const SIDEBAR_STRINGS: Strings = {
  en: {
    label: 'Downloads',
    clearCompleted: 'Clear completed',
    clearCompletedHint_one: 'Remove {{count, number}} completed download from the list (the file stays)',
    clearCompletedHint_other: 'Remove {{count, number}} completed downloads from the list (the files stay)',
    clearFailed: 'Clear failed',
    clearFailedHint_one: 'Remove {{count, number}} failed or cancelled download from the list',
    clearFailedHint_other: 'Remove {{count, number}} failed or cancelled downloads from the list',
  },
  'zh-CN': {
    label: '下载',
    clearCompleted: '清除已完成',
    clearCompletedHint_other: '从列表中移除 {{count, number}} 个已完成的下载（文件会保留）',
    clearFailed: '清除失败任务',
    clearFailedHint_other: '从列表中移除 {{count, number}} 个失败或已取消的下载',
  },
};
