// The speed graphs' words.
import type { Strings } from '../../i18n/i18n';

export const SPEED_GRAPH_STRINGS: Strings = {
  en: {
    total: 'Total speed {{speed}}',
    job: 'Speed of this download {{speed}}',
    now: 'now',
    minutesAgo_one: '{{count}} min ago',
    minutesAgo_other: '{{count}} min ago',
  },
  'zh-CN': {
    total: '总速度 {{speed}}',
    job: '此任务的速度 {{speed}}',
    now: '现在',
    minutesAgo_other: '{{count}} 分钟前',
  },
};
