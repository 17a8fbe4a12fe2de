import { IDS, locator, run, updatePhone, useDigaServer } from './helpers';

const server = useDigaServer();

/** Resolves `afterMs` after the server has received `count` requests. */
async function afterRequests(count: number, afterMs = 200): Promise<void> {
	while (server.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
	await new Promise((resolve) => setTimeout(resolve, afterMs));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const phones = [IDS.receptionPhone, IDS.salesPhone, IDS.supportPhone].map((id) => ({ id }));

describe('cancelling an execution (the stop button, a workflow timeout) stops the Diga node', () => {
	test('during a 60-second Retry-After wait: the node returns within a second, and no request follows', async () => {
		server.fault({ method: 'PATCH', status: 429, headers: { 'retry-after': '60' }, times: 10 });
		const result = await run(server, {
			items: phones,
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 1, maxRetryWait: 600 }),
			cancelWhen: afterRequests(1),
		});
		const took = result.returnedAt! - result.cancelledAt!;

		expect(took).toBeLessThan(1000);
		await pause(500);
		expect(server.requests).toHaveLength(1);
		expect(result.run.status).toBe('canceled');
	});

	test('during a request Diga never answers: n8n aborts it, the node returns within a second', async () => {
		server.fault({ method: 'PATCH', kind: 'hang', times: 10 });
		const result = await run(server, {
			items: phones,
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 1, timeout: 60_000 }),
			cancelWhen: afterRequests(1),
		});

		expect(result.returnedAt! - result.cancelledAt!).toBeLessThan(1000);
		await pause(500);
		expect(server.requests).toHaveLength(1);
	});

	test('with continue on fail and many items waiting: no item sends a request after the cancel', async () => {
		server.fault({ method: 'PATCH', status: 503, headers: { 'retry-after': '30' }, times: 100 });
		const result = await run(server, {
			items: Array.from({ length: 20 }, () => ({ id: IDS.salesPhone })),
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 4, maxRetryWait: 600 }),
			cancelWhen: afterRequests(4),
		});

		expect(result.returnedAt! - result.cancelledAt!).toBeLessThan(1000);
		await pause(500);
		expect(server.requests).toHaveLength(4);
	});

	test('Call → Make, 40 items, Diga limits to 8 requests a second: cancelled while requests wait inside the limiter, none is sent after', async () => {
		server.latencyMs = 30;
		server.rateLimitPerSecond = 8;
		const limited = (async () => {
			while (server.rateLimited === 0) await pause(5);
		})();
		const result = await run(server, {
			items: Array.from({ length: 40 }, (_, n) => ({ to: `+346123456${String(n).padStart(2, '0')}` })),
			parameters: { resource: 'call', operation: 'make', from: locator('list', IDS.outboundPhone), to: '={{ $json.to }}' },
			cancelWhen: limited,
		});

		expect(result.run.status).toBe('canceled');
		expect(result.returnedAt! - result.cancelledAt!).toBeLessThan(1000);
		await pause(1500);
		// A request already written when the cancel came may still be read by the server (it shares the event loop), shortly; none waits past it.
		expect(server.requests.filter((request) => request.receivedAt! > result.cancelledAt! + 300)).toEqual([]);
	});
});
