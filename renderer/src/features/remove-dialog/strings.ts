import type { Strings } from '../../i18n/i18n';

export const REMOVE_DIALOG_STRINGS: Strings = {
  en: {
    title_one: 'Remove {{count, number}} download?',
    title_other: 'Remove {{count, number}} downloads?',
    one: '“{{name}}” leaves the list.',
    many: 'They leave the list; downloads under way stop first.',
    deleteFiles_one: 'Also delete the file from disk',
    deleteFiles_other: 'Also delete the {{count, number}} files from disk',
    noFiles: 'Nothing has been saved to disk yet.',
    keepNote: 'Unticked, what was downloaded stays where it is.',
    remove: 'Remove',
    removeAndDelete: 'Remove and delete',
  },
  'zh-CN': {
    title_other: '删除 {{count, number}} 个下载？',
    one: '“{{name}}”将从列表中移除。',
    many: '这些下载将从列表中移除，正在进行的会先停止。',
    deleteFiles_other: '同时从磁盘删除 {{count, number}} 个文件',
    noFiles: '尚未有任何内容保存到磁盘。',
    keepNote: '不勾选时，已下载的文件会保留在原处。',
    remove: '删除',
    removeAndDelete: '删除任务和文件',
  },
};
