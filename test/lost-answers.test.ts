import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../dev/diga-server/digaServer';
import { DigaTestServer } from '../dev/diga-server/digaServer';
import { CALL_IDS } from '../dev/diga-server/fixtures';
import { IDS, locator, run, updatePhone, useDigaServer } from './helpers';

/**
 * Diga acts, then its answer is lost on the way back (a gateway's 502/504, a connection reset
 * after the request was written, no answer until the Timeout). A request that creates something
 * is not sent again; the item fails saying the outcome is unknown and how to check.
 */
const server = useDigaServer();

const options = { maxRetries: 2, timeout: 1500 };
const make = (to = '+34612345678', rest: IDataObject = {}) =>
	({ resource: 'call', operation: 'make', from: locator('list', IDS.outboundPhone), to, options, ...rest }) as INodeParameters;
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string; httpCode?: string }) | undefined;
const outboundCalls = () => server.state.calls.filter((call) => call.type === 'outbound' && call.contact.identifier === '+34612345678');

const lost: Array<[string, Fault, RegExp]> = [
	['a 504 from a gateway', { status: 504, afterActing: true }, /its answer was lost \(HTTP 504 from Diga or a gateway in front of it\)$/],
	['a 502 from a gateway', { kind: 'raw', status: 502, rawBody: '<html>502 Bad Gateway</html>', afterActing: true }, /\(HTTP 502 from Diga or a gateway/],
	['a reset after the request was written', { kind: 'reset', afterActing: true }, /\(the connection broke after the request was sent\)$/],
	['no answer until the Timeout', { kind: 'hang', afterActing: true }, /\(no answer within the Timeout option, 1500 ms\)$/],
];

describe('Call → Make: Diga placed the call, the answer was lost', () => {
	test.each(lost)('%s: one POST, one call in Diga, an error saying the outcome is unknown and how to check', async (_name, fault, how) => {
		server.fault({ ...fault, method: 'POST', path: /^\/v1\/call\/$/ });
		const result = await run(server, { parameters: make() });

		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(outboundCalls()).toHaveLength(1);
		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have placed the call from c0000000-0005-4000-8000-000000000005 to \+34612345678, but/);
		expect(errorOf(result)?.message).toMatch(how);
		expect(errorOf(result)?.description).toContain(
			`Before running this item again, check: Call → Get Many with Phone ID of the line ${IDS.outboundPhone}, Direction outbound and Created After`,
		);
		expect(errorOf(result)?.description).toContain('Running it again within 5 minutes is safe');
		// n8n 2.x: why it failed (Diga or the way to it), for error workflows; 1.x ignores it.
		expect((result.error as { failure?: unknown }).failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	test('running it again finds the call Diga placed and does not ring again', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/ });
		await run(server, { parameters: make() });
		const again = await run(server, { parameters: make() });

		expect(again.error).toBeUndefined();
		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({ id: outboundCalls()[0].id, skippedAsRepeat: true });
	});

	test.each([
		['429', { status: 429, headers: { 'retry-after': '0' } } as Fault],
		['503', { status: 503 } as Fault],
	])('%s says Diga did not act: the POST is sent again, one call placed', async (_name, fault) => {
		server.fault({ ...fault, method: 'POST', path: /^\/v1\/call\/$/ });
		const result = await run(server, { parameters: make() });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST')).toHaveLength(2);
		expect(outboundCalls()).toHaveLength(1);
	});

	test('a refused connection never carried the request: the POST is sent again once Diga listens', async () => {
		// A port nothing listens on, until a Diga starts on it after the first attempt was refused.
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const port = (probe.address() as AddressInfo).port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		const late = new DigaTestServer();
		const started = new Promise((resolve) => setTimeout(resolve, 100)).then(async () => await late.start(port));
		try {
			const result = await run(server, {
				baseUrl: `http://127.0.0.1:${port}`,
				parameters: make('+34612345678', { options: { ...options, skipRepeatCallsWithin: 0 } }),
			});
			await started;
			expect(result.error).toBeUndefined();
			expect(late.requestsTo('POST')).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ type: 'outbound', status: 'dialing' });
		} finally {
			await started;
			await late.stop();
		}
	});
});

describe('other requests that create something', () => {
	test('Phone → Import, 504 after Diga imported: one POST, one imported phone, outcome unknown', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST', path: /import/ });
		const result = await run(server, { parameters: { resource: 'phone', operation: 'import', phoneNumber: '+34675897654', options } });

		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(server.state.phones.filter((phone) => phone.number === '+34675897654')).toHaveLength(1);
		expect(errorOf(result)?.message).toBe(
			'Outcome unknown: Diga may have imported +34675897654, but its answer was lost (HTTP 504 from Diga or a gateway in front of it)',
		);
		expect(errorOf(result)?.description).toContain('Phone → Get Many (or Diga\'s phone list) for a phone with the number +34675897654');
		expect(errorOf(result)?.httpCode).toBe('504');
	});

	test('Agent Version → Create, reset after Diga created it: one POST, one new version, outcome unknown', async () => {
		const before = server.state.agents[0].versions.length;
		server.fault({ kind: 'reset', afterActing: true, method: 'POST', path: /version$/ });
		const result = await run(server, {
			parameters: { resource: 'agentVersion', operation: 'create', agentId: locator('list', IDS.salesAgent), options } as INodeParameters,
		});

		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(server.state.agents[0].versions).toHaveLength(before + 1);
		expect(errorOf(result)?.message).toBe(
			`Outcome unknown: Diga may have created a new version of agent ${IDS.salesAgent}, but its answer was lost (the connection broke after the request was sent)`,
		);
		expect(errorOf(result)?.description).toContain(`Agent Version → Get Many for agent ${IDS.salesAgent}`);
	});
});

describe('Phone → Release after a lost answer: released only when Diga shows it', () => {
	const TRUNK = 'e0000000-0001-4000-8000-000000000001';
	const release = (phoneId: string) => ({ resource: 'phone', operation: 'release', phoneId: locator('id', phoneId), options }) as INodeParameters;
	const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);
	const unknown = (phoneId: string, how: string) => `Outcome unknown: Diga may have released phone ${phoneId}, but its answer was lost (${how})`;

	test('Diga released it, the answer was reset; sent again, Diga says it is finished; the look-up shows a scheduled release → released', async () => {
		server.fault({ kind: 'reset', afterActing: true, method: 'DELETE' });
		server.fault({ status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `Phone ${IDS.salesPhone} is finished and cannot be released` }, method: 'DELETE' });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`DELETE /v1/phone/${IDS.salesPhone}`, `DELETE /v1/phone/${IDS.salesPhone}`, `GET /v1/phone/${IDS.salesPhone}`]);
		expect(result.items[0].json).toEqual({ id: IDS.salesPhone, released: true });
	});

	test('a 504 that Diga never saw, the DELETE again refused, the look-up shows status released → released', async () => {
		server.state.phones.find((phone) => phone.id === IDS.salesPhone)!.status = 'released';
		server.fault({ status: 504, method: 'DELETE' });
		server.fault({ status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: 'Cannot release this phone' }, method: 'DELETE' });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id: IDS.salesPhone, released: true });
	});

	test('a reserved phone, a 502 Diga never saw, the DELETE again refused ("… is reserved and cannot be released"): outcome unknown, not released', async () => {
		const phone = server.state.phones.find((p) => p.id === IDS.salesPhone)!;
		phone.status = 'reserved';
		server.fault({ kind: 'raw', status: 502, rawBody: '<html>502 Bad Gateway</html>', method: 'DELETE' });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.items).toEqual([]);
		expect(calls()).toEqual([`DELETE /v1/phone/${IDS.salesPhone}`, `DELETE /v1/phone/${IDS.salesPhone}`, `GET /v1/phone/${IDS.salesPhone}`]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(errorOf(result)?.message).toBe(unknown(IDS.salesPhone, 'HTTP 502 from Diga or a gateway in front of it'));
		expect(errorOf(result)?.description).toContain(`Sent again, Diga answered: "Diga rejected the request: Phone ${IDS.salesPhone} is reserved and cannot be released"`);
		expect(errorOf(result)?.description).toContain('A look-up of the phone shows status reserved and no release scheduled.');
		expect(errorOf(result)?.description).toContain(`check: Phone → Get with the ID ${IDS.salesPhone}`);
		expect(phone.status).toBe('reserved');
	});

	test('an ID that never was a phone: a 504, then 404 → outcome unknown, never "released"', async () => {
		server.fault({ status: 504, method: 'DELETE' });
		const result = await run(server, { parameters: release(TRUNK) });

		expect(result.items).toEqual([]);
		expect(calls()).toEqual([`DELETE /v1/phone/${TRUNK}`, `DELETE /v1/phone/${TRUNK}`, `GET /v1/phone/${TRUNK}`]);
		expect(errorOf(result)?.message).toBe(unknown(TRUNK, 'HTTP 504 from Diga or a gateway in front of it'));
		expect(errorOf(result)?.description).toContain('Diga no longer finds the phone: an imported number is deleted at once when released, so the first request may have released it; or the ID is not a phone of this account and nothing was released.');
	});

	test('an imported number Diga deleted, 504, then 404: the same, since Diga’s answers cannot tell it from an ID that never existed', async () => {
		const { makePhone } = await import('../dev/diga-server/fixtures');
		server.state.phones.push(makePhone(TRUNK, '+34675897654', 'Own trunk', { telephony_provider: 'custom', region_codes: [] }));
		server.fault({ status: 504, afterActing: true, method: 'DELETE' });
		const result = await run(server, { parameters: release(TRUNK) });

		expect(server.state.phones.some((phone) => phone.id === TRUNK)).toBe(false);
		expect(errorOf(result)?.message).toBe(unknown(TRUNK, 'HTTP 504 from Diga or a gateway in front of it'));
	});

	test('continue on fail: the unknown outcome is the item’s error item, the next item is released', async () => {
		server.fault({ status: 504, method: 'DELETE', path: new RegExp(TRUNK) });
		const result = await run(server, {
			items: [{ id: TRUNK }, { id: IDS.supportPhone }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: { ...release('={{ $json.id }}'), options: { ...options, maxConcurrency: 1 } },
		});

		expect(result.items.map((item) => [item.json.error ?? item.json.released, item.pairedItem])).toEqual([
			[unknown(TRUNK, 'HTTP 504 from Diga or a gateway in front of it'), { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	test('a 504 after Diga released it, then every DELETE sent again breaks off (reset): the phone is looked up, not "could not reach Diga" → released', async () => {
		server.fault({ status: 504, afterActing: true, method: 'DELETE' });
		server.fault({ kind: 'reset', method: 'DELETE', times: 2 });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([...Array<string>(3).fill(`DELETE /v1/phone/${IDS.salesPhone}`), `GET /v1/phone/${IDS.salesPhone}`]);
		expect(result.items[0].json).toEqual({ id: IDS.salesPhone, released: true });
	});

	test('a 504 Diga never saw, then every DELETE sent again breaks off (reset): outcome unknown with how to check, not "could not reach Diga"', async () => {
		server.fault({ status: 504, method: 'DELETE' });
		server.fault({ kind: 'reset', method: 'DELETE', times: 2 });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.items).toEqual([]);
		expect(errorOf(result)?.message).toBe(unknown(IDS.salesPhone, 'HTTP 504 from Diga or a gateway in front of it'));
		expect(errorOf(result)?.description).toContain('Sent again, Diga answered: "Could not reach Diga at');
		expect(errorOf(result)?.description).toContain('A look-up of the phone shows status assigned and no release scheduled.');
		expect(errorOf(result)?.description).toContain(`check: Phone → Get with the ID ${IDS.salesPhone}`);
	});

	test('a 504, the DELETE again refused, and the look-up of the phone fails too (500): outcome unknown, never "released", the look-up’s failure named', async () => {
		server.fault({ status: 504, method: 'DELETE' });
		server.fault({ status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: 'Cannot release this phone' }, method: 'DELETE' });
		server.fault({ status: 500, method: 'GET', path: new RegExp(`^/v1/phone/${IDS.salesPhone}$`), body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(result.items).toEqual([]);
		expect(calls()).toEqual([`DELETE /v1/phone/${IDS.salesPhone}`, `DELETE /v1/phone/${IDS.salesPhone}`, `GET /v1/phone/${IDS.salesPhone}`]);
		expect(errorOf(result)?.message).toBe(unknown(IDS.salesPhone, 'HTTP 504 from Diga or a gateway in front of it'));
		expect(errorOf(result)?.description).toContain('The look-up of the phone failed too (Diga had a server error (HTTP 500). Try again later.)');
		expect(errorOf(result)?.description).toContain(`check: Phone → Get with the ID ${IDS.salesPhone}`);
	});

	test('without a lost answer, the same refusal is an error, and nothing is looked up', async () => {
		server.fault({ status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `Phone ${IDS.salesPhone} is finished and cannot be released` }, method: 'DELETE' });
		const result = await run(server, { parameters: release(IDS.salesPhone) });

		expect(errorOf(result)?.message).toBe(`Diga rejected the request: Phone ${IDS.salesPhone} is finished and cannot be released`);
		expect(calls()).toEqual([`DELETE /v1/phone/${IDS.salesPhone}`]);
	});
});

describe('idempotent writes and reads keep their retries', () => {
	test('Call → Delete (a POST that deletes): 504 after Diga deleted → sent again, Diga finds them gone: deleted: null with a note (its count of 0 cannot say the first attempt did it)', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST', path: /bulk-delete$/ });
		const ids = [CALL_IDS.inboundDone, CALL_IDS.outboundDone];
		const result = await run(server, {
			items: ids.map((id) => ({ id })),
			parameters: { resource: 'call', operation: 'delete', callId: '={{ $json.id }}', options } as INodeParameters,
		});

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST', '/v1/call/bulk-delete')).toHaveLength(2);
		expect(result.items.map((item) => [item.json.call_id, item.json.deleted])).toEqual(ids.map((id) => [id, null]));
		expect(result.items.map((item) => item.json.note)).toEqual(ids.map(() => expect.stringContaining('perhaps by a first attempt of this request whose answer was lost')));
		expect(server.state.calls.map((call) => call.id)).toEqual([CALL_IDS.inboundLive]);
	});

	test('Phone → Update (PATCH, same body): 504 after Diga changed it → sent again, succeeds', async () => {
		server.fault({ status: 504, afterActing: true, method: 'PATCH' });
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'Again' }, options) });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH')).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ id: IDS.salesPhone, nickname: 'Again' });
	});
});
