export { Sidebar } from './sidebar';
import { registerStrings } from '../../i18n/i18n';
import { SIDEBAR_STRINGS } from './strings';

registerStrings('sidebar', SIDEBAR_STRINGS);
