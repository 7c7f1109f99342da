import { registerStrings } from '../../i18n/i18n';
import { SETTINGS_STRINGS } from './strings';

registerStrings('settings', SETTINGS_STRINGS);

export { SettingsDialog } from './settings-dialog';
