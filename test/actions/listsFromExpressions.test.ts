/**
 * Issue 30, point 1: a list of IDs from an expression, in each form a workflow saves it, run through
 * n8n's own parameter handling (the engine harness: n8n-core's WorkflowExecute with the node's
 * parameters exactly as saved, `={{ … }}` expressions included).
 *
 * What n8n makes of each form (n8n-workflow's getNodeParameters, run by the Workflow constructor
 * before the node sees anything): an expression set on a whole fixed collection, or any value that
 * is not an object of entries, is dropped and arrives as `{}` ("Collection values should always be
 * an object"); an expression on the `entries` list is iterated character by character, each becoming
 * an entry at its default (an empty picker); an expression in an entry's picker is kept and resolved
 * to whatever it gives (an array stays an array); a string field's expression likewise.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS as K } from '../../dev/diga-server/knowledgeFixtures';
import { IDS, locator, run, useDigaServer } from '../helpers';

const server = useDigaServer();

const KB1 = K.faqBase;
const KB2 = K.pricesBase;
const updateAgent = (updateFields: IDataObject) => ({ resource: 'agent', operation: 'update', agentId: locator('id', IDS.supportAgent), updateFields }) as INodeParameters;
const updateBase = (updateFields: IDataObject) => ({ resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: locator('id', K.pricesBase), updateFields }) as INodeParameters;
const bodies = () => server.requestsTo('PATCH').map((r) => r.body);

describe('Agent → Update: Knowledge Bases from an expression', () => {
	test.each([
		['Knowledge Base IDs, an expression giving an array', { knowledgeBaseIdList: '={{ $json.baseIds }}' }],
		['Knowledge Base IDs, an expression giving JSON text', { knowledgeBaseIdList: '={{ JSON.stringify($json.baseIds) }}' }],
		['Knowledge Base IDs, an expression giving IDs separated by commas', { knowledgeBaseIdList: '={{ $json.baseIds.join(", ") }}' }],
		['Knowledge Base IDs, typed with commas and line breaks', { knowledgeBaseIdList: `${KB1},\n${KB2}` }],
		['Knowledge Bases, one entry whose picker (By ID) is an expression giving an array', { knowledgeBaseIds: { entries: [{ id: locator('id', '={{ $json.baseIds }}') }] } }],
		['Knowledge Bases, one entry whose picker (From List) is an expression giving an array', { knowledgeBaseIds: { entries: [{ id: locator('list', '={{ $json.baseIds }}') }] } }],
		['Knowledge Bases, one entry holding a bare expression instead of a picker (hand-written JSON)', { knowledgeBaseIds: { entries: [{ id: '={{ $json.baseIds }}' }] } }],
		['Knowledge Bases, one picker per ID, each an expression', { knowledgeBaseIds: { entries: [{ id: locator('id', '={{ $json.baseIds[0] }}') }, { id: locator('id', '={{ $json.baseIds[1] }}') }] } }],
	])('%s: sends the list', async (_form, fields) => {
		const result = await run(server, { items: [{ baseIds: [KB1, KB2] }], parameters: updateAgent(fields) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ knowledge_base_ids: [KB1, KB2] }]);
		expect(result.items[0].json).toMatchObject({ knowledge_base_ids: [KB1, KB2] });
	});

	test('an expression on the whole Knowledge Bases list (only hand-written JSON can hold one): n8n drops it, and nothing is sent', async () => {
		const result = await run(server, { items: [{ baseIds: [KB1] }], parameters: updateAgent({ knowledgeBaseIds: '={{ $json.baseIds }}' }) });

		expect(result.error).toMatchObject({ message: 'No field to update', description: expect.stringContaining('Knowledge Bases is empty, and an empty field is not sent') });
		expect(server.requests).toHaveLength(0);
	});

	test('with another field: the dropped list is left out, the draft keeps its bases', async () => {
		const result = await run(server, { items: [{ baseIds: [KB1] }], parameters: updateAgent({ greeting: 'Hola', knowledgeBaseIds: '={{ $json.baseIds }}' }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: 'Hola' }]);
	});

	test('Knowledge Items from an expression too', async () => {
		const result = await run(server, { items: [{ itemIds: [K.looseNote] }], parameters: updateAgent({ knowledgeItemIdList: '={{ $json.itemIds }}' }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ knowledge_item_ids: [K.looseNote] }]);
	});

	test.each([
		['an empty array', '={{ [] }}'],
		['JSON text of an empty list', '[]'],
		['nothing found', '={{ $json.missing }}'],
		['null', '={{ null }}'],
		['blank text', '={{ "  " }}'],
	])('Knowledge Base IDs giving %s: not sent, the agent keeps its bases', async (_name, value) => {
		const result = await run(server, { parameters: updateAgent({ greeting: 'Hola', knowledgeBaseIdList: value }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: 'Hola' }]);
	});

	test.each([
		[{ knowledgeBaseIdList: '={{ ["faq"] }}' }, 'Knowledge Base IDs (entry 1) is not a valid ID: "faq"'],
		[{ knowledgeBaseIdList: '={{ { id: 1 } }}' }, 'Knowledge Base IDs must be a list of IDs'],
		[{ knowledgeBaseIdList: '={{ [[1]] }}' }, 'Knowledge Base IDs (entry 1) is not an ID: [1]'],
		[{ knowledgeBaseIds: { entries: [{ id: locator('id', `={{ ["${KB1}", "x"] }}`) }] } }, 'Knowledge Bases (entry 2) is not a valid ID: "x"'],
		[{ knowledgeBaseIds: { entries: [{ id: locator('id', KB1) }] }, knowledgeBaseIdList: KB2 }, 'Knowledge Bases and Knowledge Base IDs are both given'],
	])('%j → %s, before any request', async (fields, message) => {
		const result = await run(server, { parameters: updateAgent(fields) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Knowledge Base → Update and Create: Knowledge Items from an expression', () => {
	test.each([
		['Knowledge Item IDs, an expression giving an array', { knowledgeItemIdList: '={{ $json.itemIds }}' }],
		['Knowledge Item IDs, JSON text', { knowledgeItemIdList: `["${K.openingHours}","${K.looseNote}"]` }],
		['Knowledge Items, one entry whose picker is an expression giving an array', { knowledgeItemIds: { entries: [{ id: locator('id', '={{ $json.itemIds }}') }] } }],
	])('Update, %s: replaces the list with it', async (_form, fields) => {
		const result = await run(server, { items: [{ itemIds: [K.openingHours, K.looseNote] }], parameters: updateBase(fields) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ knowledge_item_ids: [K.openingHours, K.looseNote] }]);
		expect(result.items[0].json).toMatchObject({ knowledge_item_ids: [K.openingHours, K.looseNote], item_count: 2 });
	});

	test('Update, an expression on the whole Knowledge Items list: dropped by n8n, so nothing is sent and the base keeps its items', async () => {
		const result = await run(server, { items: [{ itemIds: [K.looseNote] }], parameters: updateBase({ name: 'Prices 2027', knowledgeItemIds: '={{ $json.itemIds }}' }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ name: 'Prices 2027' }]);
		expect(server.state.knowledgeItems.find((item) => item.id === K.pricesPage)?.knowledge_base_id).toBe(K.pricesBase);
	});

	test('Create with Knowledge Item IDs from an expression', async () => {
		const result = await run(server, {
			items: [{ itemIds: [K.looseNote] }],
			parameters: { resource: 'knowledgeBase', operation: 'create', name: 'Notes', additionalFields: { knowledgeItemIdList: '={{ $json.itemIds }}' } },
		});

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST').map((r) => r.body)).toEqual([{ name: 'Notes', knowledge_item_ids: [K.looseNote] }]);
	});
});
