/**
 * Runs work one at a time per key within one execution (`scope`: the run's context object), so
 * two items that read-then-replace the same thing (an agent's call tools, a base's text item) do
 * not overwrite each other. Nothing outlives the execution: the map belongs to `scope`.
 */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oneAtATime<T>(scope: object, key: string, work: () => Promise<T>): Promise<T> {
	let byKey = queues.get(scope);
	if (!byKey) {
		byKey = new Map();
		queues.set(scope, byKey);
	}
	const before = byKey.get(key) ?? Promise.resolve();
	const mine = before.then(work, work);
	byKey.set(key, mine.catch(() => undefined));
	return await mine;
}
