import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS } from '../../../dev/diga-server/knowledgeFixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (operation: string, rest: IDataObject = {}) => ({ resource: 'knowledgeBase', operation, ...rest }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

describe('Knowledge Base → Create', () => {
	test('POST /v1/knowledge/base/ with the name, description and picked items; outputs the base', async () => {
		const result = await run(server, {
			parameters: params('create', {
				name: 'Holidays',
				additionalFields: { description: 'Christmas hours', knowledgeItemIds: { entries: [{ id: locator('list', KNOWLEDGE_IDS.looseNote) }] } },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/knowledge/base/', { name: 'Holidays', description: 'Christmas hours', knowledge_item_ids: [KNOWLEDGE_IDS.looseNote] }],
		]);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ name: 'Holidays', description: 'Christmas hours', knowledge_item_ids: [KNOWLEDGE_IDS.looseNote], item_count: 1 }), pairedItem: { item: 0 } },
		]);
	});

	test('an empty name or a bad item id fails before any request, naming the field', async () => {
		const empty = await run(server, { parameters: params('create', { name: '  ' }) });
		const badItem = await run(server, { parameters: params('create', { name: 'X', additionalFields: { knowledgeItemIds: { entries: [{ id: locator('id', 'faq') }] } } }) });
		expect(empty.error).toMatchObject({ name: 'NodeOperationError', message: 'Name is empty' });
		expect(badItem.error).toMatchObject({ name: 'NodeOperationError', message: 'Knowledge Items (entry 1) is not a valid ID: "faq"' });
		expect(server.requests).toHaveLength(0);
	});

	test('a lost answer (504 after Diga acted) is not re-sent: the error says how to check', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST' });
		const result = await run(server, { parameters: params('create', { name: 'Holidays' }) });
		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(String((result.error as { description?: string }).description)).toContain('Knowledge Base → Get Many with the name "Holidays"');
	});
});

describe('Knowledge Base → Get / Get Many', () => {
	test('Get: GET /v1/knowledge/base/{id}', async () => {
		const result = await run(server, { parameters: params('get', { knowledgeBaseId: locator('list', KNOWLEDGE_IDS.faqBase) }) });
		expect(calls()).toEqual([`GET /v1/knowledge/base/${KNOWLEDGE_IDS.faqBase}`]);
		expect(result.items[0].json).toEqual({
			id: KNOWLEDGE_IDS.faqBase,
			name: 'FAQ',
			description: 'Questions callers ask',
			created_date: '2026-02-01T09:00:00Z',
			knowledge_item_ids: [KNOWLEDGE_IDS.openingHours, KNOWLEDGE_IDS.returnsPolicy],
			item_count: 2,
		});
	});

	test('Get: an unknown base is named', async () => {
		const missing = 'e0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('get', { knowledgeBaseId: locator('id', missing) }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find knowledge base ${missing} in this account` });
	});

	test('Get Many: the agent and name filters as Diga’s query parameters', async () => {
		const result = await run(server, {
			parameters: params('getAll', { returnAll: true, filters: { agentId: locator('list', IDS.supportAgent), name: 'fa' } }),
		});
		expect(calls()).toEqual([`GET /v1/knowledge/base/ agent_id=${IDS.supportAgent}&name=fa&limit=100`]);
		expect(result.items.map((item) => item.json.id)).toEqual([KNOWLEDGE_IDS.faqBase]);
	});

	test('Get Many: Limit 2 asks for 2', async () => {
		const result = await run(server, { parameters: params('getAll', { returnAll: false, limit: 2 }) });
		expect(calls()).toEqual(['GET /v1/knowledge/base/ limit=2']);
		expect(result.items.map((item) => item.json.name)).toEqual(['Empty', 'Prices']);
	});
});

describe('Knowledge Base → Update', () => {
	test('PATCH with exactly the fields added; the item list replaces the base’s', async () => {
		const result = await run(server, {
			parameters: params('update', {
				knowledgeBaseId: locator('id', KNOWLEDGE_IDS.faqBase),
				updateFields: { name: 'FAQ 2027', knowledgeItemIds: { entries: [{ id: locator('id', KNOWLEDGE_IDS.openingHours) }] } },
			}),
		});
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/v1/knowledge/base/${KNOWLEDGE_IDS.faqBase}`, { name: 'FAQ 2027', knowledge_item_ids: [KNOWLEDGE_IDS.openingHours] }],
		]);
		expect(result.items[0].json).toMatchObject({ name: 'FAQ 2027', knowledge_item_ids: [KNOWLEDGE_IDS.openingHours], item_count: 1 });
	});

	test('no field added: an error listing the fields, nothing sent', async () => {
		const result = await run(server, { parameters: params('update', { knowledgeBaseId: locator('id', KNOWLEDGE_IDS.faqBase), updateFields: {} }) });
		expect(result.error).toMatchObject({ message: 'No field to update', description: 'Add at least one field under "Update Fields": Name, Description, Knowledge Items, Knowledge Item IDs.' });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Knowledge Base → Delete', () => {
	test('an empty base: DELETE without force, outputs { id, deleted, force }', async () => {
		const result = await run(server, { parameters: params('delete', { knowledgeBaseId: locator('id', KNOWLEDGE_IDS.emptyBase) }) });
		expect(calls()).toEqual([`DELETE /v1/knowledge/base/${KNOWLEDGE_IDS.emptyBase}`]);
		expect(result.items[0].json).toEqual({ id: KNOWLEDGE_IDS.emptyBase, deleted: true, force: false });
	});

	test('a base with items: Diga’s 409 is explained with the field to turn on; nothing deleted', async () => {
		const result = await run(server, { parameters: params('delete', { knowledgeBaseId: locator('id', KNOWLEDGE_IDS.faqBase) }) });
		expect(result.error).toMatchObject({ message: expect.stringContaining('turn on "Delete Its Items Too"') });
		expect(server.state.knowledgeBases.map((b) => b.id)).toContain(KNOWLEDGE_IDS.faqBase);
	});

	test('Delete Its Items Too: force=true deletes the base and its items', async () => {
		const result = await run(server, { parameters: params('delete', { knowledgeBaseId: locator('id', KNOWLEDGE_IDS.faqBase), force: true }) });
		expect(calls()).toEqual([`DELETE /v1/knowledge/base/${KNOWLEDGE_IDS.faqBase} force=true`]);
		expect(result.items[0].json).toEqual({ id: KNOWLEDGE_IDS.faqBase, deleted: true, force: true });
		expect(server.state.knowledgeItems.map((i) => i.id)).not.toContain(KNOWLEDGE_IDS.openingHours);
	});

	test('a lost answer: the DELETE is sent again, and its 404 means the first one did it', async () => {
		server.fault({ status: 504, afterActing: true, method: 'DELETE' });
		const result = await run(server, { parameters: params('delete', { knowledgeBaseId: locator('id', KNOWLEDGE_IDS.emptyBase) }) });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('DELETE')).toHaveLength(2);
		expect(result.items[0].json).toEqual({ id: KNOWLEDGE_IDS.emptyBase, deleted: true, force: false });
	});
});
