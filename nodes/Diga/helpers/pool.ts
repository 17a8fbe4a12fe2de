export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task(0..count-1)` with at most `concurrency` tasks in flight. Results keep input order.
 * With `stopOnError`, no new task starts after a failure; tasks already running finish, and
 * the ones never started are left `undefined`.
 */
export async function runBounded<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	stopOnError: boolean,
): Promise<Array<Settled<T> | undefined>> {
	const results: Array<Settled<T> | undefined> = new Array(count);
	let next = 0;
	let failed = false;

	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};

	const workers = Math.max(1, Math.min(concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
