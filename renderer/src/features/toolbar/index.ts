export { Toolbar, type ToolbarProps } from './toolbar';
import { registerStrings } from '../../i18n/i18n';
import { TOOLBAR_STRINGS } from './strings';

registerStrings('toolbar', TOOLBAR_STRINGS);
