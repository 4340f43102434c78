/** The stats backend of a single instance without Redis: lost on restart, which a dev or test setup can afford. */
import type { StatsBackend, StatsWrite } from './store.js';

export class MemoryBackend implements StatsBackend {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly sets = new Map<string, Set<string>>();
  /** Ids of the scans counted, the most recent ones only (a write is repeated soon after, if ever). */
  private readonly applied = new Set<string>();

  async write(batch: StatsWrite): Promise<boolean> {
    if (batch.id !== undefined) {
      if (this.applied.has(batch.id)) return false;
      this.applied.add(batch.id);
      if (this.applied.size > 10_000) this.applied.delete(this.applied.values().next().value!);
    }
    // Expiry is left out: a process's lifetime is shorter than a week key's, and the page reads only recent weeks.
    for (const { key, fields } of batch.increments) {
      const hash = this.counters.get(key) ?? new Map<string, number>();
      for (const [field, n] of Object.entries(fields)) hash.set(field, (hash.get(field) ?? 0) + n);
      this.counters.set(key, hash);
    }
    for (const { key, member } of batch.remove) this.sets.get(key)?.delete(member);
    for (const { key, member } of batch.add) this.sets.set(key, (this.sets.get(key) ?? new Set()).add(member));
    return true;
  }

  async hashes(keys: string[]): Promise<Array<Record<string, number>>> {
    return keys.map((key) => Object.fromEntries(this.counters.get(key) ?? []));
  }

  async members(key: string): Promise<string[]> {
    return [...(this.sets.get(key) ?? [])];
  }

  async size(key: string): Promise<number> {
    return this.sets.get(key)?.size ?? 0;
  }

  async close(): Promise<void> {}
}
