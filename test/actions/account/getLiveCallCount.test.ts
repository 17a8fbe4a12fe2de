import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { run, TEST_API_KEY, useDigaServer } from '../../helpers';

/**
 * `/v1/call/concurrency/stream` never ends: Diga sends `data: {"active_calls": N}` every few
 * seconds (here every second). The node reads the first value and closes the stream; with no
 * value within the Timeout it fails instead of waiting.
 */
const server = useDigaServer();

const count = (rest: IDataObject = {}, options: IDataObject = {}) =>
	({ resource: 'account', operation: 'getLiveCallCount', ...rest, options: { timeout: 1500, ...options } }) as INodeParameters;
const streams = () => server.requests.filter((r) => r.path === '/v1/call/concurrency/stream');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async (parameters: INodeParameters) => {
	const started = Date.now();
	const result = await run(server, { parameters });
	return { result, took: Date.now() - started };
};

describe('Account → Get Live Call Count', () => {
	test('the first value ({"active_calls": 1}: the seed’s live call), read as an event stream, and the stream closed at once', async () => {
		const { result, took } = await timed(count());

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { active_calls: 1 }, pairedItem: { item: 0 } }]);
		expect(streams()).toHaveLength(1);
		expect(streams()[0].headers.accept).toBe('text/event-stream');
		await pause(100);
		// Closed by the node right after the first event, long before the next one (1 s later).
		expect(streams()[0].closedAt! - streams()[0].answeredAt!).toBeLessThan(500);
		expect(took).toBeLessThan(1000);
	});

	test('a keep-alive comment before the value: skipped', async () => {
		server.state.liveCallStream = { keepaliveFirst: true };
		server.state.calls.forEach((call) => (call.status = 'in_progress'));
		const { result } = await timed(count());
		expect(result.items[0].json).toEqual({ active_calls: 3 });
	});

	test('a stream that never sends a value: fails at the Timeout (not retried), and the stream is closed', async () => {
		server.state.liveCallStream = { silent: true };
		const { result, took } = await timed(count());

		expect(result.error?.message).toBe('Diga did not answer within the Timeout option (1500 ms)');
		expect(took).toBeGreaterThanOrEqual(1400);
		expect(took).toBeLessThan(2500);
		expect(streams()).toHaveLength(1);
		await pause(100);
		expect(streams()[0].closedAt).toBeDefined();
	});

	test('a server that never answers at all: fails at the Timeout, not retried', async () => {
		server.fault({ kind: 'hang', path: /concurrency/ });
		const { result, took } = await timed(count());
		expect(result.error?.message).toBe('Diga did not answer within the Timeout option (1500 ms)');
		expect(took).toBeLessThan(2500);
		expect(streams()).toHaveLength(1);
	});

	test('cancelled while the stream is silent: the run stops within a second and the stream is closed', async () => {
		server.state.liveCallStream = { silent: true };
		const result = await run(server, {
			parameters: count({}, { timeout: 60_000 }),
			cancelWhen: (async () => {
				while (streams().length === 0) await pause(10);
				await pause(200);
			})(),
		});
		expect(result.returnedAt! - result.cancelledAt!).toBeLessThan(1000);
		await pause(200);
		expect(streams()[0].closedAt).toBeDefined();
	});

	test('a stream that ends without a value: Diga did not answer with a count', async () => {
		server.fault({ kind: 'raw', status: 200, contentType: 'text/event-stream', rawBody: ': keepalive\n\n', path: /concurrency/ });
		const { result } = await timed(count());
		expect(result.error?.message).toBe('Diga answered, but not with an event stream with a value');
		expect((result.error as { description?: string }).description).toContain('The stream ended before its first event was complete.');
	});

	test('an event that is not a count: said so', async () => {
		server.fault({ kind: 'raw', status: 200, contentType: 'text/event-stream', rawBody: 'data: {"calls": "many"}\n\n', path: /concurrency/ });
		const { result } = await timed(count());
		expect(result.error?.message).toBe('Diga answered, but not with a live call count ({"active_calls": N})');
	});

	test('a 503 before the stream: read again, the value', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, path: /concurrency/ });
		const { result } = await timed(count());
		expect(streams()).toHaveLength(2);
		expect(result.items[0].json).toEqual({ active_calls: 1 });
	});

	test('an error answer (403): Diga’s words', async () => {
		server.fault({ status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions' }, path: /concurrency/ });
		const { result } = await timed(count());
		expect(result.error?.message).toBe('The Diga API key lacks permission for this action. Give the key the needed permissions in Diga, or use another key.');
		expect((result.error as { description?: string }).description).toContain('Diga says: Missing required permissions');
	});

	test('an error body that quotes the API key: the key is not in the error', async () => {
		server.fault({ status: 403, body: { status: 'error', error_code: 'FORBIDDEN', message: `Key ${TEST_API_KEY} may not read concurrency` }, path: /concurrency/ });
		const { result } = await timed(count());
		expect(JSON.stringify({ message: result.error?.message, description: (result.error as { description?: string }).description })).not.toContain(TEST_API_KEY);
		expect((result.error as { description?: string }).description).toContain('may not read concurrency');
	});

	test('Include Plan Limit: the plan’s max_concurrent_calls and the share in use', async () => {
		server.state.calls.forEach((call) => (call.status = 'in_progress'));
		server.state.maxConcurrentCalls = 4;
		const { result } = await timed(count({ includePlanLimit: true }));
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/call/concurrency/stream', '/v1/billing/subscription/']);
		expect(result.items[0].json).toEqual({ active_calls: 3, max_concurrent_calls: 4, percent_of_limit: 75 });

		server.state.maxConcurrentCalls = null;
		const unlimited = await timed(count({ includePlanLimit: true }));
		expect(unlimited.result.items[0].json).toEqual({ active_calls: 3, max_concurrent_calls: null, percent_of_limit: null });
	});
});
