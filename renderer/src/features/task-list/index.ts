export { TaskList } from './task-list';
import { registerStrings } from '../../i18n/i18n';
import { TASK_LIST_STRINGS } from './strings';

registerStrings('taskList', TASK_LIST_STRINGS);
