import { describe, expect, it } from '@jest/globals';
import { GroupBatcher } from './group-batcher.js';

/** A batch runner whose calls stay open until the test releases them. */
function gatedRunner(fail: (item: number) => boolean = () => false) {
  const calls: Array<{ group: string; items: number[]; release: () => void }> = [];
  const run = (group: string, items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      calls.push({
        group,
        items,
        release: () => (items.some(fail) ? reject(new Error(`bad item in ${items.join(',')}`)) : resolve(items.map((i) => i * 10))),
      });
    });
  return { calls, run };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('GroupBatcher (group commit)', () => {
  it('runs a lone item at once, then everything that queued meanwhile as one batch', async () => {
    const { calls, run } = gatedRunner();
    const b = new GroupBatcher(run);
    const first = b.submit('org-a', 1);
    const rest = [2, 3, 4].map((i) => b.submit('org-a', i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]!.release();
    expect(await first).toBe(10);
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps groups apart and does not make one wait for another', async () => {
    const { calls, run } = gatedRunner();
    const b = new GroupBatcher(run);
    void b.submit('org-a', 1);
    const other = b.submit('org-b', 2);
    await tick();
    expect(calls.map((c) => [c.group, c.items])).toEqual([['org-a', [1]], ['org-b', [2]]]);
    calls[1]!.release();
    expect(await other).toBe(20);
  });

  it('caps a batch at maxBatch', async () => {
    const { calls, run } = gatedRunner();
    const b = new GroupBatcher(run, 2);
    const all = [1, 2, 3, 4].map((i) => b.submit('org-a', i));
    for (let n = 0; n < 3; n++) {
      await tick();
      calls[n]!.release();
    }
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4]]);
  });

  it('when a batch fails, runs its items alone so only the bad one fails', async () => {
    const { calls, run } = gatedRunner((i) => i === 3);
    const b = new GroupBatcher(run);
    void b.submit('org-a', 1);
    const results = [2, 3, 4].map((i) => b.submit('org-a', i).then((v) => ({ ok: v }), (e: Error) => ({ err: e.message })));
    await tick();
    calls[0]!.release();
    await tick();
    calls[1]!.release(); // [2, 3, 4] fails as a whole
    await tick();
    expect(calls.slice(2).map((c) => c.items)).toEqual([[2], [3], [4]]);
    for (const c of calls.slice(2)) c.release();
    expect(await Promise.all(results)).toEqual([{ ok: 20 }, { err: 'bad item in 3' }, { ok: 40 }]);
  });

  it('runs up to maxInFlight batches of a group at once', async () => {
    const { calls, run } = gatedRunner();
    const b = new GroupBatcher(run, 100, 2);
    const all = [1, 2, 3, 4].map((i) => b.submit('org-a', i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[1]!.release();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4]]);
    calls[0]!.release();
    calls[2]!.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });
});
