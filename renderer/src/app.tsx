import { useEffect, useState } from 'react';
import type { HaulApi } from '../../shared/api/contract';
import { formatBytes, formatEta, formatPercent, formatSpeed } from '../../shared/format';
import type { JobSnapshot } from '../../shared/models/job';

// A first, plain view of the queue; the full UI (add dialog, settings, drag and drop) comes next.
export function App({ api }: { api: HaulApi | null }) {
  const [jobs, setJobs] = useState<JobSnapshot[]>([]);
  useEffect(() => {
    if (!api) return;
    void api.invoke('jobs.list', {}).then((r) => r.ok && setJobs(r.value));
    return api.on('jobs.updated', ({ jobs: changed, removed }) => {
      setJobs((prev) => {
        const byId = new Map(prev.map((j) => [j.id, j]));
        for (const j of changed) byId.set(j.id, j);
        for (const id of removed) byId.delete(id);
        return [...byId.values()].sort((a, b) => a.position - b.position);
      });
    });
  }, [api]);
  if (!api) return <p>Haul's engine is not connected.</p>;
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 16 }}>
      <h1 style={{ fontSize: 20 }}>Haul</h1>
      {jobs.length === 0 ? <p>No downloads yet.</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }}>
        {jobs.map((j) => (
          <li key={j.id} style={{ marginBottom: 8 }}>
            <strong>{j.name ?? j.url}</strong> — {j.status} · {formatPercent(j.received, j.total)} of {formatBytes(j.total)} ·{' '}
            {formatSpeed(j.speed)} · ETA {formatEta(j.eta)}
          </li>
        ))}
      </ul>
    </main>
  );
}
