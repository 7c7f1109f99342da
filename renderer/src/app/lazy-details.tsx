// The details panel with its speed chart, composed here (features never import each other) and
// loaded after the first screen.
import { DetailsPanel } from '../features/details';
import { JobSpeedChart } from '../features/speed-graph';

export function DetailsWithChart() {
  return <DetailsPanel speedChart={<JobSpeedChart />} />;
}
