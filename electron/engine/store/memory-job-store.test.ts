import { describeJobStoreContract } from './job-store.contract';
import { createMemoryJobStore } from './memory-job-store';

describeJobStoreContract('memory', () => {
  const store = createMemoryJobStore();
  return { store, cleanup: () => store.close() };
});
