import type { INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS, OPENING_HOURS_TEXT } from '../../../dev/diga-server/knowledgeFixtures';
import type { KnowledgeItemRecord } from '../../../dev/diga-server/knowledgeFixtures';
import type { Fault } from '../../../dev/diga-server/digaServer';
import { listPage } from '../../../dev/diga-server/routes/common';
import { itemResponse } from '../../../dev/diga-server/routes/knowledge';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const FAQ = KNOWLEDGE_IDS.faqBase;
const NEW_TEXT = 'We are open Monday to Saturday, 9:00 to 20:00.';
const sync = (text: string, itemName = 'Opening hours') =>
	({ resource: 'knowledgeBase', operation: 'syncText', knowledgeBaseId: locator('list', FAQ), itemName, text }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);
/** The base's text items of that name, with their texts, as Diga holds them. */
const held = (name = 'Opening hours') =>
	server.state.knowledgeItems.filter((i) => i.knowledge_base_id === FAQ && i.name === name).map((i) => i.content);
const LIST = `GET /v1/knowledge/item/`;

describe('Knowledge Base → Sync Text', () => {
	test('the same text already there: only reads, nothing changes, the output says so', async () => {
		const result = await run(server, { parameters: sync(OPENING_HOURS_TEXT) });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([LIST, `GET /v1/knowledge/item/${KNOWLEDGE_IDS.openingHours}`]);
		expect(server.requests[0].query).toEqual({ knowledge_base_id: FAQ, category: 'txt', name: 'Opening hours', limit: '100' });
		expect(result.items[0].json).toMatchObject({ action: 'unchanged', message: expect.stringContaining('nothing changed'), item: { id: KNOWLEDGE_IDS.openingHours }, deleted_item_ids: [] });
		expect(held()).toEqual([OPENING_HOURS_TEXT]);
	});

	test('a different text: the new item is added to the base first, then the old one is deleted', async () => {
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(calls()).toEqual([LIST, `GET /v1/knowledge/item/${KNOWLEDGE_IDS.openingHours}`, 'POST /v1/knowledge/item/text', `DELETE /v1/knowledge/item/${KNOWLEDGE_IDS.openingHours}`]);
		expect(server.requests[2].body).toEqual({ name: 'Opening hours', content: NEW_TEXT, knowledge_base_id: FAQ });
		expect(result.items[0].json).toMatchObject({ action: 'replaced', knowledge_base_id: FAQ, item: { name: 'Opening hours', knowledge_base_id: FAQ, content: NEW_TEXT }, deleted_item_ids: [KNOWLEDGE_IDS.openingHours] });
		expect(held()).toEqual([NEW_TEXT]);
	});

	test('a name the base does not hold yet: the text is added; a same-named item elsewhere or a partial name match is left alone', async () => {
		const result = await run(server, { parameters: sync('Closed on Sundays.', 'Opening hours (old)') });
		expect(result.items[0].json).toMatchObject({ action: 'added', deleted_item_ids: [] });
		expect(held('Opening hours (old)')).toEqual(['Closed on Sundays.']);
		expect(server.state.knowledgeItems.find((i) => i.id === KNOWLEDGE_IDS.looseNote)).toBeDefined();
		expect(held()).toEqual([OPENING_HOURS_TEXT]);
	});

	test('two items of one run syncing the same name: one after the other, one item in the end', async () => {
		const result = await run(server, {
			items: [{ text: NEW_TEXT }, { text: NEW_TEXT }],
			parameters: { ...sync(''), text: '={{ $json.text }}' } as INodeParameters,
		});
		expect(result.items.map((item) => item.json.action)).toEqual(['replaced', 'unchanged']);
		expect(held()).toEqual([NEW_TEXT]);
	});

	test('an empty text is refused before any request, naming the field', async () => {
		const result = await run(server, { parameters: sync('   ') });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Text is empty' });
		expect(server.requests).toHaveLength(0);
	});
});

/**
 * Each step failing once, then the same run again: the base holds the old or the new text (never
 * none) after the failure, and exactly the new text, once, after the rerun.
 */
describe('Knowledge Base → Sync Text: a failure at each step, then a rerun', () => {
	const steps: Array<[string, Fault, string[], string]> = [
		['listing the items fails', { method: 'GET', path: /^\/v1\/knowledge\/item\/$/, status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } }, [OPENING_HOURS_TEXT], 'replaced'],
		['reading the old text fails', { method: 'GET', path: /^\/v1\/knowledge\/item\/f/, status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } }, [OPENING_HOURS_TEXT], 'replaced'],
		['adding the new text fails (Diga did not act)', { method: 'POST', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } }, [OPENING_HOURS_TEXT], 'replaced'],
		['adding the new text: Diga acts, the answer is lost', { method: 'POST', status: 504, afterActing: true }, [OPENING_HOURS_TEXT, NEW_TEXT], 'finished'],
		['deleting the old item fails', { method: 'DELETE', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } }, [OPENING_HOURS_TEXT, NEW_TEXT], 'finished'],
	];

	test.each(steps)('%s', async (_step, fault, afterFailure, rerunAction) => {
		server.fault(fault);
		const failed = await run(server, { parameters: sync(NEW_TEXT) });
		expect(failed.error).toBeDefined();
		expect(held()).toEqual(afterFailure);

		const rerun = await run(server, { parameters: sync(NEW_TEXT) });
		expect(rerun.error).toBeUndefined();
		expect(rerun.items[0].json.action).toBe(rerunAction);
		expect(held()).toEqual([NEW_TEXT]);
		expect(server.requestsTo('POST').filter((r) => r.path === '/v1/knowledge/item/text').length).toBeLessThanOrEqual(afterFailure.length === 2 ? 1 : 2);
	});

	test('the error of a half-way failure says what the base holds and to run again', async () => {
		server.fault({ method: 'DELETE', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		const failed = await run(server, { parameters: sync(NEW_TEXT) });
		expect(String((failed.error as { description?: string }).description)).toMatch(/The new text is in the base as item [0-9a-f-]+, but old item f0000000-0001-4000-8000-000000000001 is still there too: run again to finish/);
	});

	test('deleting the old item: Diga acts, the answer is lost: the DELETE is sent again and its 404 completes the sync', async () => {
		server.fault({ method: 'DELETE', status: 504, afterActing: true });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.action).toBe('replaced');
		expect(held()).toEqual([NEW_TEXT]);
	});
});

test('Diga answering the base id in capitals is the same base: the old text is deleted, not reported as elsewhere', async () => {
	server.fault({
		method: 'POST',
		path: /^\/v1\/knowledge\/item\/text$/,
		kind: 'computed',
		afterActing: true,
		compute: () => ({ ...itemResponse(server.state.knowledgeItems.at(-1)!), knowledge_base_id: FAQ.toUpperCase() }),
	});
	const result = await run(server, { parameters: sync(NEW_TEXT) });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ action: 'replaced', deleted_item_ids: [KNOWLEDGE_IDS.openingHours] });
	expect(held()).toEqual([NEW_TEXT]);
});

describe('Knowledge Base → Sync Text: adding the text is never done twice', () => {
	const textPosts = () => server.requestsTo('POST', '/v1/knowledge/item/text');

	test('a 503 a gateway sent after passing the create on: Diga is looked at again, the text it added is kept, nothing is sent twice', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/knowledge\/item\/text$/, status: 503, afterActing: true });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(result.error).toBeUndefined();
		expect(textPosts()).toHaveLength(1);
		expect(held()).toEqual([NEW_TEXT]);
		expect(result.items[0].json).toMatchObject({ action: 'replaced', item: { content: NEW_TEXT, knowledge_base_id: FAQ }, deleted_item_ids: [KNOWLEDGE_IDS.openingHours] });
	});

	test('a 503 and Diga did not act: the look finds nothing new, the create is sent again, once', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/knowledge\/item\/text$/, status: 503 });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(result.items[0].json).toMatchObject({ action: 'replaced' });
		expect(textPosts()).toHaveLength(2);
		expect(calls().filter((call) => call === LIST)).toHaveLength(2);
		expect(held()).toEqual([NEW_TEXT]);
	});

	test('a 503, and the look in Diga fails: not sent again; "Outcome unknown" says what may have happened and how to check', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/knowledge\/item\/text$/, status: 503, afterActing: true });
		server.fault({ method: 'GET', path: /^\/v1\/knowledge\/item\/$/, skip: 1, times: 1, status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(textPosts()).toHaveLength(1);
		expect(result.error).toMatchObject({
			message: expect.stringMatching(/^Outcome unknown: Diga may have added the new text "Opening hours" to knowledge base e0000000-0001-4000-8000-000000000001, but its answer was lost \(HTTP 503/),
			description: expect.stringContaining(`Knowledge Item → Get Many (Knowledge Base ${FAQ}, Category: Text, Name "Opening hours"), or run this node again`),
		});
		expect(held()).toEqual([OPENING_HOURS_TEXT, NEW_TEXT]);
		const rerun = await run(server, { parameters: sync(NEW_TEXT) });
		expect(rerun.items[0].json).toMatchObject({ action: 'finished' });
		expect(held()).toEqual([NEW_TEXT]);
	});
});

describe('Knowledge Base → Sync Text: only text items of that base with that exact name are deleted', () => {
	const other = (id: string, fields: Partial<KnowledgeItemRecord>): KnowledgeItemRecord => ({
		id,
		name: 'Opening hours',
		category: 'txt',
		status: 'uploaded',
		created_date: '2026-02-05T10:00:00Z',
		size_bytes: 10,
		knowledge_base_id: FAQ,
		content: 'Something else',
		...fields,
	});

	test('a Diga whose list ignores the base and category filters: items of another base, another category or another name are left alone', async () => {
		server.state.knowledgeItems.push(
			other('f0000000-0005-4000-8000-000000000005', { knowledge_base_id: KNOWLEDGE_IDS.pricesBase }),
			other('f0000000-0006-4000-8000-000000000006', { category: 'url', url: 'https://acme.example/hours', content: undefined }),
			other('f0000000-0007-4000-8000-000000000007', { name: 'opening hours' }),
		);
		const before = server.state.knowledgeItems.map((item) => item.id);
		// Every item of the account, whatever the query asked for.
		server.fault({ method: 'GET', path: /^\/v1\/knowledge\/item\/$/, kind: 'computed', status: 200, times: 10, compute: (request) => listPage(server.state.knowledgeItems.map((item) => itemResponse(item, false)), (item) => item.id, request.query, 50).body });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ action: 'replaced', deleted_item_ids: [KNOWLEDGE_IDS.openingHours] });
		expect(server.requestsTo('DELETE').map((r) => r.path)).toEqual([`/v1/knowledge/item/${KNOWLEDGE_IDS.openingHours}`]);
		const after = server.state.knowledgeItems.map((item) => item.id);
		expect(before.filter((id) => !after.includes(id))).toEqual([KNOWLEDGE_IDS.openingHours]);
	});

	test('an item the list calls a text of the base, which read by id is not one: left alone', async () => {
		server.state.knowledgeItems.push(other('f0000000-0006-4000-8000-000000000006', { category: 'url', url: 'https://acme.example/hours', content: undefined }));
		// The listing says "txt" for every item; the item read by id says what it is.
		server.fault({ method: 'GET', path: /^\/v1\/knowledge\/item\/$/, kind: 'computed', status: 200, times: 10, compute: (request) => listPage(server.state.knowledgeItems.map((item) => ({ ...itemResponse(item, false), category: 'txt' })), (item) => item.id, request.query, 50).body });
		const result = await run(server, { parameters: sync(NEW_TEXT) });
		expect(result.items[0].json).toMatchObject({ action: 'replaced', deleted_item_ids: [KNOWLEDGE_IDS.openingHours] });
		expect(server.state.knowledgeItems.some((item) => item.id === 'f0000000-0006-4000-8000-000000000006')).toBe(true);
	});
});
