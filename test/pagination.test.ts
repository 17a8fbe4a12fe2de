import type { INodeParameters } from 'n8n-workflow';

import type { Fault } from '../dev/diga-server/digaServer';
import { searchAgents, searchPhones } from '../nodes/Diga/methods/listSearch';
import { MAX_PAGES_PER_CALL } from '../nodes/Diga/transport/paginate';
import { IDS, locator, run, searchContext, updatePhone, useDigaServer } from './helpers';

const server = useDigaServer();

const phone = (id: string) => ({ id, number: `+3490000${id.slice(-4)}`, telephony_provider: 'custom', status: 'assigned' });
const page = (ids: string[], has_more: boolean, last_id: string | null) => ({
	data: ids.map(phone),
	has_more,
	first_id: ids[0] ?? null,
	last_id,
	current_page: null,
	total_pages: null,
});
const uuid = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const listFault = (body: unknown, times = 1): Fault => ({ method: 'GET', path: /^\/v1\/(phone|agent)\//, status: 200, body, times });

/** How each list of the node is asked for: Return All of every resource, and By Number. */
const returnAll: Array<[string, INodeParameters]> = [
	['Phone → Get Many', { resource: 'phone', operation: 'getAll', returnAll: true }],
	['Agent → Get Many', { resource: 'agent', operation: 'getAll', returnAll: true }],
	['Agent Version → Get Many', { resource: 'agentVersion', operation: 'getAll', agentId: locator('id', IDS.salesAgent), returnAll: true }],
	['Phone → Update by number', updatePhone(locator('number', '+34911234567'), { nickname: 'x' })],
];

describe.each(returnAll)('%s ends on every broken pagination, with an error naming the list', (_name, parameters) => {
	test('a page that repeats the cursor already read (the mock server that never ends)', async () => {
		server.fault(listFault(page([uuid(1), uuid(2)], true, uuid(2)), 100));
		const result = await run(server, { parameters });

		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(result.error?.message).toMatch(/^Diga's list \/v1\/(phone|agent)\/\S* did not page correctly: page 2 repeats the cursor d0000000-0000-4000-8000-000000000002, already read/);
		expect(server.requestsTo('GET')).toHaveLength(2);
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('a page with a new cursor but no record not seen before', async () => {
		server.fault(listFault(page([uuid(1), uuid(2)], true, uuid(2))));
		server.fault(listFault(page([uuid(1), uuid(2)], true, uuid(3))));
		const result = await run(server, { parameters });

		expect(result.error?.message).toMatch(/did not page correctly: page 2 brings no record that earlier pages did not already bring$/);
		expect(server.requestsTo('GET')).toHaveLength(2);
	});

	test('has_more without last_id', async () => {
		server.fault(listFault(page([uuid(1)], true, null)));
		const result = await run(server, { parameters });

		expect(result.error?.message).toMatch(/did not page correctly: page 1 says has_more but gives no last_id to continue from$/);
		expect(server.requestsTo('GET')).toHaveLength(1);
	});
});

describe('the page cap', () => {
	test(`a list that never stops bringing new records ends after ${MAX_PAGES_PER_CALL} pages with an error, not with part of it`, async () => {
		let served = 0;
		server.fault({
			kind: 'computed',
			method: 'GET',
			path: /^\/v1\/phone\/$/,
			times: MAX_PAGES_PER_CALL + 10,
			compute: () => {
				served++;
				return page([uuid(served)], true, uuid(served));
			},
		});
		const result = await run(server, { parameters: { resource: 'phone', operation: 'getAll', returnAll: true } });

		expect(result.error?.message).toBe(
			`Diga's list /v1/phone/ did not page correctly: it still had more after ${MAX_PAGES_PER_CALL} pages (${MAX_PAGES_PER_CALL * 100} records at most), the most one call reads`,
		);
		expect(result.items).toEqual([]);
		expect(served).toBe(MAX_PAGES_PER_CALL);
	}, 120_000);

	test('is far above a real account: 2 500 phones are read whole', async () => {
		server.reset(2495);
		const result = await run(server, { parameters: { resource: 'phone', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2500);
		expect(server.requests).toHaveLength(25);
	});
});

describe('with continue on fail, a broken list is an error item of that input', () => {
	test('two inputs, both lists repeat: two error items, paired, nothing else', async () => {
		server.fault(listFault(page([uuid(1)], true, uuid(1)), 100));
		const result = await run(server, {
			items: [{}, {}],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: { resource: 'phone', operation: 'getAll', returnAll: true },
		});
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[expect.stringMatching(/repeats the cursor/), { item: 0 }],
			[expect.stringMatching(/repeats the cursor/), { item: 1 }],
		]);
	});
});

describe('the pickers use the same guards', () => {
	test.each([
		['Phone', searchPhones, 'parameters.phoneId'],
		['Agent', searchAgents, 'parameters.filters.inboundAgentId'],
	] as const)('%s picker with a filter that matches nothing: a repeated cursor is an error, not an endless read', async (_name, search, path) => {
		server.fault(listFault(page([uuid(1), uuid(2)], true, uuid(2)), 100));
		await expect(search.call(searchContext(server, path), 'no such thing')).rejects.toMatchObject({
			message: expect.stringMatching(/^Diga's list \/v1\/(phone|agent)\/ did not page correctly: page 2 repeats the cursor/),
		});
		expect(server.requests).toHaveLength(2);
	});

	test('a picker resumed with a token refuses a page whose cursor is that token', async () => {
		server.fault(listFault(page([uuid(5)], true, uuid(4))));
		await expect(searchPhones.call(searchContext(server, 'parameters.phoneId'), undefined, uuid(4))).rejects.toMatchObject({
			message: expect.stringMatching(/page 1 repeats the cursor d0000000-0000-4000-8000-000000000004/),
		});
	});
});
