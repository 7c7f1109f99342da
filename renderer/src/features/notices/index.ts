import { registerStrings } from '../../i18n/i18n';
import { NOTICES_STRINGS } from './strings';

registerStrings('notices', NOTICES_STRINGS);

export { Announcer } from './announcer';
export { Toasts } from './toasts';
