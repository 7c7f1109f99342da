import { registerStrings } from '../../i18n/i18n';
import { SPEED_GRAPH_STRINGS } from './strings';

registerStrings('speedGraph', SPEED_GRAPH_STRINGS);

export { SpeedSparkline } from './speed-sparkline';
export { JobSpeedChart } from './speed-chart';
