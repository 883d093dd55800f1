import { describe, expect, it } from 'vitest';
import { groupCommit, groupPerDb, groupsBy } from './group-commit.ts';

/** A `run` that records each group it was given and answers when told to. */
function recorder(answer: (input: number) => string = (i) => `#${i}`) {
  const groups: number[][] = [];
  const open: (() => void)[] = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(inputs);
      open.push(() => {
        try {
          resolve(inputs.map(answer));
        } catch (e) {
          reject(e);
        }
      });
    });
  const releaseAll = async () => {
    while (open.length > 0) {
      open.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { groups, run, releaseAll };
}

describe('group commit', () => {
  it('F-71 a lone call goes at once, alone', async () => {
    const r = recorder();
    const call = groupCommit(r.run, { max: 64, parallel: 1 });
    const answer = call(7);
    expect(r.groups).toEqual([[7]]);
    await r.releaseAll();
    expect(await answer).toBe('#7');
  });

  it('F-71 calls that arrive while a group is in flight go on together, each answered with its own result', async () => {
    const r = recorder();
    const call = groupCommit(r.run, { max: 64, parallel: 1 });
    const answers = [1, 2, 3, 4, 5].map((i) => call(i));
    expect(r.groups).toEqual([[1]]);
    await r.releaseAll();
    expect(r.groups).toEqual([[1], [2, 3, 4, 5]]);
    expect(await Promise.all(answers)).toEqual(['#1', '#2', '#3', '#4', '#5']);
  });

  it('F-71 a group holds at most `max` calls, and at most `parallel` groups are in flight', async () => {
    const r = recorder();
    const call = groupCommit(r.run, { max: 2, parallel: 2 });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((i) => call(i));
    expect(r.groups).toEqual([[1], [2]]);
    await r.releaseAll();
    expect(r.groups).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    expect(await Promise.all(answers)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
  });

  it("F-71 when a group fails, each call runs again alone: one call's fault fails only that call", async () => {
    const r = recorder((i) => {
      if (i === 3) throw new Error('bad input 3');
      return `#${i}`;
    });
    const call = groupCommit(r.run, { max: 64, parallel: 1 });
    const answers = [1, 2, 3, 4].map((i) =>
      call(i).then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    await r.releaseAll();
    expect(r.groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(await Promise.all(answers)).toEqual(['#1', '#2', 'bad input 3', '#4']);
  });

  it('F-71 an error that answers every call alike fails the whole group without running each again', async () => {
    const r = recorder(() => {
      throw new Error('refused');
    });
    const call = groupCommit(r.run, { max: 64, parallel: 1, whole: (e) => (e as Error).message === 'refused' });
    const answers = [1, 2, 3].map((i) =>
      call(i).then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    await r.releaseAll();
    expect(r.groups).toEqual([[1], [2, 3]]);
    expect(await Promise.all(answers)).toEqual(['refused', 'refused', 'refused']);
  });

  it('F-71 queues are kept apart by database handle and key', () => {
    const made: string[] = [];
    const of = groupsBy((db: { name: string }, key: number) => {
      made.push(`${db.name}/${key}`);
      return async (i: number) => i;
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    expect(of(a, 1)).toBe(of(a, 1));
    expect(of(a, 1)).not.toBe(of(a, 2));
    expect(of(a, 1)).not.toBe(of(b, 1));
    expect(made).toEqual(['a/1', 'a/2', 'b/1']);
  });

  it('F-71 a queue per database handle alone: the same for every call on one handle', () => {
    const made: string[] = [];
    const of = groupPerDb((db: { name: string }) => {
      made.push(db.name);
      return async (i: number) => i;
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    expect(of(a)).toBe(of(a));
    expect(of(a)).not.toBe(of(b));
    expect(made).toEqual(['a', 'b']);
  });
});
