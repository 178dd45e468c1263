/** How many requests deploying keeps in flight at once (reads, dry runs, applies of one plan step). */
export const CONCURRENCY = 8;

/**
 * Runs `task` on every item, at most `limit` at a time, and resolves to the results in input order. After a task
 * throws, no new task starts; the running ones finish, then the first error is thrown.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
