// Words many features use: statuses, filters, units of time. Feature words live with the feature.
import type { Strings } from './i18n';

export const COMMON_STRINGS: Strings = {
  en: {
    appName: 'Haul',
    status: {
      active: 'Downloading',
      queued: 'Queued',
      paused: 'Paused',
      verifying: 'Verifying',
      extracting: 'Extracting',
      completed: 'Completed',
      failed: 'Failed',
      cancelled: 'Cancelled',
    },
    filter: { all: 'All', active: 'Active', queued: 'Queued', paused: 'Paused', completed: 'Completed', failed: 'Failed' },
    unknown: '—',
    connection: { lost: 'Connection to Haul lost. Reconnecting…', connecting: 'Connecting to Haul…' },
    close: 'Close',
    cancel: 'Cancel',
    ok: 'OK',
    browse: 'Browse…',
  },
  'zh-CN': {
    appName: 'Haul',
    status: {
      active: '正在下载',
      queued: '排队中',
      paused: '已暂停',
      verifying: '正在校验',
      extracting: '正在解压',
      completed: '已完成',
      failed: '失败',
      cancelled: '已取消',
    },
    filter: { all: '全部', active: '进行中', queued: '排队中', paused: '已暂停', completed: '已完成', failed: '失败' },
    unknown: '—',
    connection: { lost: '与 Haul 的连接已断开，正在重新连接…', connecting: '正在连接 Haul…' },
    close: '关闭',
    cancel: '取消',
    ok: '确定',
    browse: '浏览…',
  },
};
