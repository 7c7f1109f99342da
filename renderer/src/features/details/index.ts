import { registerStrings } from '../../i18n/i18n';
import { DETAILS_STRINGS } from './strings';

registerStrings('details', DETAILS_STRINGS);

export { DetailsPanel } from './details-panel';
