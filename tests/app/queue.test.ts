import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/app/queue.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('InProcessQueue', () => {
  it('keeps per-repository order and the concurrency limit', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const queue = new InProcessQueue<{ repo: string; n: number }>({
      concurrency: 2,
      worker: async ({ repo, n }) => {
        running++;
        peak = Math.max(peak, running);
        log.push(`start ${repo}${n}`);
        await tick();
        log.push(`end ${repo}${n}`);
        running--;
      },
    });
    for (const [repo, n] of [['a', 1], ['a', 2], ['b', 1], ['c', 1], ['a', 3]] as const) await queue.enqueue(repo, { repo, n });
    await queue.idle();
    expect(peak).toBe(2);
    const order = (repo: string) => log.filter((l) => l.includes(` ${repo}`));
    expect(order('a')).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(5);
  });

  it('reports its depth (waiting + running jobs, not admissions) and the age of the oldest waiting job', async () => {
    const release: Array<() => void> = [];
    const queue = new InProcessQueue<string>({ concurrency: 1, worker: () => new Promise<void>((resolve) => release.push(resolve)) });
    expect(await queue.gauges()).toEqual({ depth: 0, oldestAgeSeconds: 0 });
    let admitted!: () => void;
    queue.track(new Promise<void>((resolve) => (admitted = resolve)));
    expect((await queue.gauges()).depth).toBe(0);
    admitted();
    await tick();
    for (const job of ['a', 'b', 'c']) await queue.enqueue(job, job);
    await new Promise((r) => setTimeout(r, 30));
    const busy = await queue.gauges();
    expect(busy.depth).toBe(3);
    expect(busy.oldestAgeSeconds).toBeGreaterThanOrEqual(0.02);
    while (release.length) {
      release.shift()!();
      await tick();
    }
    await queue.idle();
    expect(await queue.gauges()).toEqual({ depth: 0, oldestAgeSeconds: 0 });
  });

  it('accepts a delivery id once, and forgets the oldest past its memory', async () => {
    const queue = new InProcessQueue<never>({ worker: async () => {}, rememberDeliveries: 2 });
    expect(await queue.accept('d1')).toBe(true);
    expect(await queue.accept('d1')).toBe(false);
    await queue.accept('d2');
    await queue.accept('d3');
    expect(await queue.accept('d1')).toBe(true);
  });

  it('a failing job is reported and does not stop the queue', async () => {
    const errors: unknown[] = [];
    const done: number[] = [];
    const queue = new InProcessQueue<number>({
      worker: async (n) => {
        if (n === 1) throw new Error('boom');
        done.push(n);
      },
      onError: (e) => errors.push(e),
    });
    await queue.enqueue('r', 1);
    await queue.enqueue('r', 2);
    await queue.idle();
    expect(errors).toHaveLength(1);
    expect(done).toEqual([2]);
  });
});
