/**
 * Group commit for requests that each write a little. Calls that arrive while earlier ones are being
 * written wait, then go on together as one call of `run` with all their inputs, so N concurrent
 * requests cost one transaction — one round of statements, one flush of the log — instead of N.
 * A call that finds fewer than `parallel` groups in flight goes at once: there is no timer, and an
 * idle system answers a lone request exactly as fast as before.
 *
 * `run` answers every input, in order. If it throws for a group of more than one call, each call is
 * run again on its own, so one call's fault never fails another that would have succeeded alone —
 * unless `whole(error)` says the error answers every call of the group alike (say, the caller is
 * refused whatever it sent), in which case they all get it.
 */
export interface GroupCommitOptions {
  /** The most calls in one group. */
  max: number;
  /** Groups in flight at once; more calls wait for one of them to finish. */
  parallel: number;
  whole?: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export function groupCommit<I, O>(run: (inputs: I[]) => Promise<O[]>, options: GroupCommitOptions): (input: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;

  const settle = async (group: Waiting<I, O>[]) => {
    try {
      const outputs = await run(group.map((w) => w.input));
      if (outputs.length !== group.length) throw new Error(`group commit: ${outputs.length} answers for ${group.length} calls`);
      for (const [i, w] of group.entries()) w.resolve(outputs[i] as O);
    } catch (error) {
      if (group.length === 1 || options.whole?.(error)) {
        for (const w of group) w.reject(error);
        return;
      }
      // Each on its own: the one at fault fails, the others are answered as if they had been alone.
      await Promise.all(
        group.map(async (w) => {
          try {
            const [output] = await run([w.input]);
            w.resolve(output as O);
          } catch (alone) {
            w.reject(alone);
          }
        }),
      );
    }
  };

  const pump = () => {
    while (inFlight < options.parallel && queue.length > 0) {
      const group = queue.splice(0, options.max);
      inFlight++;
      void settle(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}

/**
 * One group-commit queue per database handle and key (a bank's organisation, say): calls for
 * different keys never share a group, and test apps on different databases never meet.
 */
export function groupsBy<D extends object, K, I, O>(make: (db: D, key: K) => (input: I) => Promise<O>) {
  const byDb = new WeakMap<D, Map<K, (input: I) => Promise<O>>>();
  return (db: D, key: K): ((input: I) => Promise<O>) => {
    let byKey = byDb.get(db);
    if (!byKey) {
      byKey = new Map();
      byDb.set(db, byKey);
    }
    let group = byKey.get(key);
    if (!group) {
      group = make(db, key);
      byKey.set(key, group);
    }
    return group;
  };
}

/** One group-commit queue per database handle, where nothing else keeps calls apart. */
export function groupPerDb<D extends object, I, O>(make: (db: D) => (input: I) => Promise<O>) {
  const of = groupsBy((db: D, _key: null) => make(db));
  return (db: D) => of(db, null);
}
