/**
 * Knowledge Base → Add Items and Remove Items (issue 30, point 4): read the base, change its item
 * list, write it back with every other item kept; through n8n's engine and the test server.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS as K } from '../../../dev/diga-server/knowledgeFixtures';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (operation: 'addItems' | 'removeItems', fields: IDataObject, baseId: unknown = locator('list', K.faqBase)) =>
	({ resource: 'knowledgeBase', operation, knowledgeBaseId: baseId, ...fields }) as INodeParameters;
const picked = (...ids: string[]) => ({ knowledgeItemIds: { entries: ids.map((id) => ({ id: locator('list', id) })) } });
const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);
const itemsOf = (baseId: string) => server.state.knowledgeItems.filter((item) => item.knowledge_base_id === baseId).map((item) => item.id);
const BASE = `/v1/knowledge/base/${K.faqBase}`;

describe('Knowledge Base → Add Items', () => {
	test('GET the base, PATCH its list with the new items after the ones it has; an item already there is reported, not an error', async () => {
		const result = await run(server, { parameters: params('addItems', picked(K.looseNote, K.openingHours)) });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET ${BASE}`, `PATCH ${BASE}`]);
		expect(server.requests[1].body).toEqual({ knowledge_item_ids: [K.openingHours, K.returnsPolicy, K.looseNote] });
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					id: K.faqBase,
					knowledge_item_ids: [K.openingHours, K.returnsPolicy, K.looseNote],
					item_count: 3,
					added_item_ids: [K.looseNote],
					already_in_base_item_ids: [K.openingHours],
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test.each([
		['Knowledge Item IDs, an expression giving an array', { knowledgeItemIdList: '={{ $json.ids }}' }],
		['Knowledge Items, one entry whose picker is an expression giving an array', { knowledgeItemIds: { entries: [{ id: locator('id', '={{ $json.ids }}') }] } }],
	])('%s', async (_form, fields) => {
		const result = await run(server, { items: [{ ids: [K.looseNote, K.pricesPage] }], parameters: params('addItems', fields) });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH').map((r) => r.body)).toEqual([{ knowledge_item_ids: [K.openingHours, K.returnsPolicy, K.looseNote, K.pricesPage] }]);
		expect(result.items[0].json).toMatchObject({ added_item_ids: [K.looseNote, K.pricesPage], already_in_base_item_ids: [] });
	});

	test('every item already there: no PATCH, the base as read', async () => {
		const result = await run(server, { parameters: params('addItems', { knowledgeItemIdList: `${K.returnsPolicy.toUpperCase()}, ${K.openingHours}` }) });

		expect(calls()).toEqual([`GET ${BASE}`]);
		expect(result.items[0].json).toMatchObject({ knowledge_item_ids: [K.openingHours, K.returnsPolicy], added_item_ids: [], already_in_base_item_ids: [K.returnsPolicy, K.openingHours] });
	});

	test('two items of one run adding to the same base (Max Concurrency 10, each request slow): neither loses the other’s item', async () => {
		server.latencyMs = 40;
		const result = await run(server, {
			items: [{ id: K.looseNote }, { id: K.pricesPage }],
			parameters: params('addItems', { knowledgeItemIdList: '={{ $json.id }}', options: { maxConcurrency: 10 } }),
		});

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET ${BASE}`, `PATCH ${BASE}`, `GET ${BASE}`, `PATCH ${BASE}`]);
		expect(itemsOf(K.faqBase)).toEqual(expect.arrayContaining([K.openingHours, K.returnsPolicy, K.looseNote, K.pricesPage]));
		expect(result.items.map((item) => [item.json.added_item_ids, item.pairedItem])).toEqual([
			[[K.looseNote], { item: 0 }],
			[[K.pricesPage], { item: 1 }],
		]);
	});

	test('every item is checked before the first request: a bad ID in item 2 fails the run with nothing sent', async () => {
		const result = await run(server, { items: [{ id: K.looseNote }, { id: 'faq' }], parameters: params('addItems', { knowledgeItemIdList: '={{ $json.id }}' }) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Knowledge Item IDs (entry 1) is not a valid ID: "faq"' });
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		['no entry', { knowledgeItemIds: {} }],
		['an expression giving []', { knowledgeItemIdList: '={{ [] }}' }],
		['an expression on the whole list (dropped by n8n)', { knowledgeItemIds: '={{ $json.ids }}' }],
	])('no item (%s): refused, nothing sent', async (_name, fields) => {
		const result = await run(server, { items: [{ ids: [K.looseNote] }], parameters: params('addItems', fields) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'No knowledge item to add' });
		expect(server.requests).toHaveLength(0);
	});

	test('an item Diga does not have: its 404 named, the base keeps its items', async () => {
		const missing = 'f0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('addItems', { knowledgeItemIdList: missing }) });

		expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Diga could not find one of the knowledge items' });
		expect(itemsOf(K.faqBase)).toEqual([K.openingHours, K.returnsPolicy]);
	});

	test('Diga’s answer lists fewer items than it counts: nothing is written (the others would leave the base)', async () => {
		server.fault({ method: 'GET', status: 200, body: { id: K.faqBase, name: 'FAQ', knowledge_item_ids: [K.openingHours], item_count: 2 } });
		const result = await run(server, { parameters: params('addItems', picked(K.looseNote)) });

		expect(result.error).toMatchObject({ message: `Diga's answer does not list every item of knowledge base ${K.faqBase}` });
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('a lost answer to the PATCH (504 after Diga acted): sent again, the same list, once more', async () => {
		server.fault({ method: 'PATCH', status: 504, afterActing: true });
		const result = await run(server, { parameters: params('addItems', picked(K.looseNote)) });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH').map((r) => r.body)).toEqual([
			{ knowledge_item_ids: [K.openingHours, K.returnsPolicy, K.looseNote] },
			{ knowledge_item_ids: [K.openingHours, K.returnsPolicy, K.looseNote] },
		]);
		expect(itemsOf(K.faqBase)).toEqual([K.openingHours, K.returnsPolicy, K.looseNote]);
	});
});

describe('Knowledge Base → Remove Items', () => {
	test('PATCH the list without them; an item not in the base is reported, not an error; the removed item is not deleted', async () => {
		const result = await run(server, { parameters: params('removeItems', picked(K.returnsPolicy, K.looseNote)) });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET ${BASE}`, `PATCH ${BASE}`]);
		expect(server.requests[1].body).toEqual({ knowledge_item_ids: [K.openingHours] });
		expect(result.items[0].json).toMatchObject({ knowledge_item_ids: [K.openingHours], item_count: 1, removed_item_ids: [K.returnsPolicy], not_in_base_item_ids: [K.looseNote] });
		expect(server.state.knowledgeItems.find((item) => item.id === K.returnsPolicy)?.knowledge_base_id).toBeNull();
	});

	test('the last items: the base is left empty, as asked', async () => {
		const result = await run(server, { parameters: params('removeItems', { knowledgeItemIdList: '={{ $json.ids }}' }), items: [{ ids: [K.openingHours, K.returnsPolicy] }] });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH').map((r) => r.body)).toEqual([{ knowledge_item_ids: [] }]);
	});

	test('none of them in the base: no PATCH', async () => {
		const result = await run(server, { parameters: params('removeItems', picked(K.looseNote)) });

		expect(calls()).toEqual([`GET ${BASE}`]);
		expect(result.items[0].json).toMatchObject({ removed_item_ids: [], not_in_base_item_ids: [K.looseNote] });
	});

	test('two items of one run removing from the same base: both changes stay', async () => {
		server.latencyMs = 40;
		const result = await run(server, {
			items: [{ id: K.openingHours }, { id: K.returnsPolicy }],
			parameters: params('removeItems', { knowledgeItemIdList: '={{ $json.id }}' }),
		});

		expect(result.error).toBeUndefined();
		expect(itemsOf(K.faqBase)).toEqual([]);
		expect(result.items.map((item) => item.json.removed_item_ids)).toEqual([[K.openingHours], [K.returnsPolicy]]);
	});

	test('an unknown base: Diga’s 404 names it', async () => {
		const missing = 'e0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('removeItems', picked(K.looseNote), locator('id', missing)) });

		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find knowledge base ${missing} in this account` });
	});
});
