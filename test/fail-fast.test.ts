import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { resources } from '../nodes/Diga/actions';
import type { DigaResourceUnit } from '../nodes/Diga/actions/types';
import { IDS, locator, run, updatePhone, useDigaServer } from './helpers';

/**
 * Without continue-on-fail, a run that changes Diga stops at the first failure: every item is
 * checked before the first change, no request starts after a failure (not even the next request
 * of an item already running), and the error says which items were carried out.
 */
const server = useDigaServer();

const make = (rest: IDataObject = {}) =>
	({ resource: 'call', operation: 'make', from: locator('list', IDS.outboundPhone), to: '={{ $json.to }}', ...rest }) as INodeParameters;
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

describe('every item is checked before the first change', () => {
	test('exactly the operations that change Diga export prepare, so the router checks their items first', () => {
		const registry: readonly DigaResourceUnit[] = resources;
		const prepared = registry.flatMap((resource) =>
			resource.operations.filter((operation) => 'prepare' in operation).map((operation) => `${resource.value}.${operation.option.value}`),
		);
		expect(prepared.sort()).toEqual([
			'agent.create',
			'agent.createFromTemplate',
			'agent.delete',
			'agent.duplicate',
			'agent.publishVersion',
			'agent.transferNumber',
			'agent.unpublish',
			'agent.update',
			'agentVersion.create',
			'agentVersion.delete',
			'call.make',
			'integration.create',
			'integration.delete',
			'integration.update',
			'integrationTool.create',
			'integrationTool.delete',
			'integrationTool.setApproval',
			'integrationTool.update',
			'knowledgeBase.addItems',
			'knowledgeBase.create',
			'knowledgeBase.delete',
			'knowledgeBase.removeItems',
			'knowledgeBase.syncText',
			'knowledgeBase.update',
			'knowledgeItem.addFile',
			'knowledgeItem.addText',
			'knowledgeItem.addUrls',
			'knowledgeItem.delete',
			'knowledgeItem.rename',
			'phone.import',
			'phone.release',
			'phone.update',
			'phone.updateSipConfig',
		]);
	});

	test('Call → Make, 3 items, item 0’s To is invalid: nothing is sent, the error names item 0', async () => {
		const result = await run(server, { items: [{ to: '612345678' }, { to: '+34612345678' }, { to: '+34698765432' }], parameters: make() });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'To is not a phone number in international format: "612345678"', context: { itemIndex: 0 } });
		expect(errorOf(result)?.description).toContain('Nothing was changed in Diga: every item is checked before the first change is sent.');
		expect(server.requests).toHaveLength(0);
	});

	test('Phone → Update, the last of 12 items names a number not in the account: not one PATCH', async () => {
		const items = [...Array<IDataObject>(11).fill({ n: '+34911234567' }), { n: '+34999999999' }];
		const result = await run(server, { items, parameters: updatePhone(locator('number', '={{ $json.n }}'), { nickname: 'x' }) });

		expect(result.error).toMatchObject({ message: 'No phone with the number +34999999999 in this Diga account', context: { itemIndex: 11 } });
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('with continue on fail: the bad item is an error item, the others are carried out', async () => {
		const result = await run(server, {
			items: [{ to: '612345678' }, { to: '+34612345678' }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: make(),
		});
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual(['To is not a phone number in international format: "612345678"', 'dialing']);
		expect(server.requestsTo('POST')).toHaveLength(1);
	});
});

describe('after a failure no request starts', () => {
	test('Call → Make, Max Concurrency 1: item 1 refused by Diga; item 2 is never called; the error lists item 0’s call', async () => {
		const result = await run(server, {
			items: [{ to: '+34612345678' }, { to: '+14155550123' }, { to: '+34698765432' }],
			parameters: make({ options: { maxConcurrency: 1 } }),
		});

		expect(errorOf(result)?.message).toBe('Diga refused to call +14155550123: it only calls Spanish numbers (+34)');
		const placed = server.state.calls.filter((call) => call.type === 'outbound' && call.status === 'dialing');
		expect(placed.map((call) => call.contact.identifier)).toEqual(['+34612345678']);
		expect(errorOf(result)?.description).toContain(`Already carried out in Diga, do not repeat them: item 0 (id ${placed[0].id}). Not sent: item 2.`);
	});

	test('Call → Make, 12 items, Max Concurrency 3, item 0 refused: the two running alongside are reported, items 3–11 never start', async () => {
		server.latencyMs = 30;
		const items = [{ to: '+14155550123' }, ...Array.from({ length: 11 }, (_, n) => ({ to: `+346123456${String(n).padStart(2, '0')}` }))];
		const result = await run(server, { items, parameters: make({ options: { maxConcurrency: 3 } }) });

		expect(errorOf(result)?.message).toBe('Diga refused to call +14155550123: it only calls Spanish numbers (+34)');
		const placed = server.state.calls.filter((call) => call.type === 'outbound' && call.status === 'dialing');
		expect(placed.map((call) => call.contact.identifier).sort()).toEqual(['+34612345600', '+34612345601']);
		const byItem = (to: string) => placed.find((call) => call.contact.identifier === to)!.id;
		expect(errorOf(result)?.description).toContain(
			`Already carried out in Diga, do not repeat them: item 1 (id ${byItem('+34612345600')}), item 2 (id ${byItem('+34612345601')}). Not sent: items 3–11.`,
		);
	});

	test('a running item’s next request is not sent: Update with Include Previous Values, the other item fails during its read', async () => {
		// Item 1's read of its phone is slow; meanwhile item 0's read fails (404), which stops the run.
		const phone = JSON.stringify(server.state.phones.find((p) => p.id === IDS.supportPhone));
		server.fault({ method: 'GET', path: new RegExp(IDS.supportPhone), kind: 'trickle', status: 200, rawBody: phone, intervalMs: 2 });
		server.fault({ method: 'GET', path: new RegExp(IDS.salesPhone), status: 404, body: { status: 'error', error_code: 'PHONE_NOT_FOUND', message: 'Phone not found' } });
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: IDS.supportPhone }],
			parameters: { ...updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 2 }), includePreviousValues: true },
		});

		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(server.requestsTo('GET')).toHaveLength(2);
		expect(server.requestsTo('PATCH')).toHaveLength(0);
		expect(errorOf(result)?.description).toContain('No other item was carried out in Diga. Not sent: item 1.');
	});
});

describe('a request waiting inside the limiter is not sent once the run has stopped', () => {
	test('Call → Make, 40 items, Diga limits to 8 requests a second, a 500 on the 12th POST: no POST reaches Diga after the 500, the report is exact', async () => {
		server.latencyMs = 30;
		server.rateLimitPerSecond = 8;
		server.fault({ method: 'POST', path: /^\/v1\/call\/$/, skip: 11, status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
		const to = (n: number) => `+346123456${String(n).padStart(2, '0')}`;
		const items = Array.from({ length: 40 }, (_, n) => ({ to: to(n) }));
		const result = await run(server, { items, parameters: make() });

		const failing = server.requestsTo('POST').find((request) => request.status === 500)!;
		expect(failing).toBeDefined();
		const failedItem = items.findIndex((item) => item.to === (failing.body as IDataObject).to_number);
		expect(result.error).toMatchObject({ context: { itemIndex: failedItem } });
		// Requests already written when the 500 came back may still arrive; nothing waits past it (the old code sent ~5 POSTs a second later).
		const late = server.requestsTo('POST').filter((request) => request.receivedAt! > failing.answeredAt! + 300);
		expect(late.map((request) => (request.body as IDataObject).to_number)).toEqual([]);

		// The report says exactly which items placed a call and which sent nothing.
		const placed = server.state.calls.filter((call) => call.type === 'outbound' && call.status === 'dialing');
		const placedItems = placed.map((call) => items.findIndex((item) => item.to === call.contact.identifier)).sort((a, b) => a - b);
		const description = errorOf(result)?.description ?? '';
		for (const index of placedItems) expect(description).toContain(`item ${index} (id `);
		const notSent = Array.from({ length: 40 }, (_, n) => n).filter((n) => n !== failedItem && !placedItems.includes(n));
		const reported = /Not sent: items? ([\d–, ]+)\./.exec(description)?.[1] ?? '';
		const expand = (text: string) => text.split(', ').flatMap((part) => {
			const [a, b = a] = part.split('–').map(Number);
			return Array.from({ length: b - a + 1 }, (_, k) => a + k);
		});
		expect(expand(reported)).toEqual(notSent);
		expect(description).not.toContain('Also failed');
	});
});

describe('a retry refused by the stop is not "not sent" when its first attempt may have acted', () => {
	test('Phone → Update, 2 items: item 0’s PATCH answer is lost (504 after Diga acted), item 1 fails meanwhile: item 0 is "outcome unknown", not "not sent"', async () => {
		const missing = 'c0000000-9999-4000-8000-000000000999';
		server.fault({ method: 'PATCH', path: new RegExp(IDS.salesPhone), status: 504, afterActing: true });
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: missing }],
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 2 }),
		});

		// Item 0 failed on its own too (the lowest index is the error thrown); the report lists item 1.
		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(errorOf(result)?.message).toBe('Outcome unknown: Diga may have carried out the request, but its answer was lost (HTTP 504 from Diga or a gateway in front of it)');
		expect(server.requestsTo('PATCH', `/v1/phone/${IDS.salesPhone}`)).toHaveLength(1);
		expect(server.state.phones.find((phone) => phone.id === IDS.salesPhone)?.nickname).toBe('x');
		const description = errorOf(result)?.description ?? '';
		expect(description).toContain('before it was sent again another item failed, so the run stopped');
		expect(description).toContain(`Also failed: item 1 (Diga could not find phone ${missing} in this account)`);
		expect(description).not.toContain('Not sent');
	});
});

describe('a Make refused by the stop after a 503 (which a gateway may send after passing the call on) is not "not sent"', () => {
	test('2 items: item 0’s POST answered 503 after Diga placed the call, item 1 refused meanwhile: item 0 is "outcome unknown", never "not sent"', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/call\/$/, status: 503, afterActing: true, headers: { 'retry-after': '1' } });
		server.latencyMs = 10;
		const result = await run(server, {
			items: [{ to: '+34612345678' }, { to: '+14155550123' }],
			parameters: make({ options: { maxConcurrency: 2 } }),
		});

		const placed = server.state.calls.filter((call) => call.type === 'outbound' && call.contact.identifier === '+34612345678');
		expect(placed).toHaveLength(1);
		expect(server.requestsTo('POST', '/v1/call/')).toHaveLength(2);
		const description = errorOf(result)?.description ?? '';
		expect(`${errorOf(result)?.message} ${description}`).toMatch(/Outcome unknown: Diga may have placed the call from c0000000-0005-4000-8000-000000000005 to \+34612345678/);
		expect(description).not.toMatch(/Not sent: item 0/);
	});
});
