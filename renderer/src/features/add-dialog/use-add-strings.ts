// Registers this feature's words once, on first render (i18next is set up by then; at module
// load it is not).
import { registerStrings } from '../../i18n/i18n';
import { ADD_STRINGS } from './strings';

let registered = false;

export function useAddStrings(): void {
  if (registered) return;
  registerStrings('addDialog', ADD_STRINGS);
  registered = true;
}
