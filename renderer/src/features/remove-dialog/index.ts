export { RemoveDialog } from './remove-dialog';
import { registerStrings } from '../../i18n/i18n';
import { REMOVE_DIALOG_STRINGS } from './strings';

registerStrings('removeDialog', REMOVE_DIALOG_STRINGS);
