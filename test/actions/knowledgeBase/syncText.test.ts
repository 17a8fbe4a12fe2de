import type { INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS, OPENING_HOURS_TEXT } from '../../../dev/diga-server/knowledgeFixtures';
import type { Fault } from '../../../dev/diga-server/digaServer';
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
