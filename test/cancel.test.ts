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
});
