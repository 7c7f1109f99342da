import { describe, expect, it } from 'vitest';
import { NameReservations } from './name-reservations';

describe('NameReservations', () => {
  it('keeps one path per job and forgets a job that lets go', () => {
    const r = new NameReservations();
    r.reserve('/d/a.bin', 'j1');
    r.reserve('/d/b.bin', 'j2');
    expect(r.owner('/d/a.bin')).toBe('j1');
    // j1 moves to another name (its first one was taken on disk meanwhile): the old one is free.
    r.reserve('/d/a (1).bin', 'j1');
    expect(r.owner('/d/a.bin')).toBeUndefined();
    expect(r.owner('/d/a (1).bin')).toBe('j1');
    r.release('j1');
    r.release('j1');
    expect(r.owner('/d/a (1).bin')).toBeUndefined();
    expect(r.size).toBe(1);
  });

  it('a path taken over by another job is not freed when the first job lets go', () => {
    const r = new NameReservations();
    r.reserve('/d/x.bin', 'old');
    r.reserve('/d/x.bin', 'new'); // the old job finished; its name was free on disk again
    r.release('old');
    expect(r.owner('/d/x.bin')).toBe('new');
  });

  it('stays as large as the jobs holding names, however many came and went', () => {
    const r = new NameReservations();
    for (let i = 0; i < 10_000; i++) {
      r.reserve(`/d/f${i}.bin`, `j${i}`);
      if (i >= 5) r.release(`j${i - 5}`);
    }
    expect(r.size).toBe(5);
  });
});
