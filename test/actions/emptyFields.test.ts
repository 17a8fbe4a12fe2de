/**
 * Issue 30, points 2 and 3: no write sends an empty value that would wipe something in Diga unless
 * the user chose it visibly (Clear Fields, Accept Any Address). A field added and left at its
 * default, or filled by an expression that found nothing, is not sent. Each case runs through n8n's
 * engine with the parameters as the editor saves them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SUPPORT_CALL_TOOLS } from '../../dev/diga-server/fixtures';
import { KNOWLEDGE_IDS as K } from '../../dev/diga-server/knowledgeFixtures';
import { IDS, locator, run, useDigaServer } from '../helpers';

const server = useDigaServer();

const updateAgent = (updateFields: IDataObject) => ({ resource: 'agent', operation: 'update', agentId: locator('id', IDS.supportAgent), updateFields }) as INodeParameters;
const updateBase = (updateFields: IDataObject) => ({ resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: locator('id', K.faqBase), updateFields }) as INodeParameters;
const bodies = () => server.requestsTo('PATCH').map((r) => r.body);
const draft = () => server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!.config!;
const faqItems = () => server.state.knowledgeItems.filter((item) => item.knowledge_base_id === K.faqBase).map((item) => item.id);

describe('Agent → Update: a field left at its default, or empty, is not sent', () => {
	test('Call Tools added and left at its default ([]): not sent, the draft keeps every tool', async () => {
		const result = await run(server, { parameters: updateAgent({ greeting: 'Hola', callTools: '[]' }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: 'Hola' }]);
		expect(draft().call_tools).toEqual(SUPPORT_CALL_TOOLS);
	});

	test.each([
		['an expression giving []', '={{ [] }}'],
		['an expression giving null', '={{ null }}'],
		['blank text', ' '],
	])('Call Tools, %s: not sent', async (_name, callTools) => {
		const result = await run(server, { parameters: updateAgent({ greeting: 'Hola', callTools }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: 'Hola' }]);
	});

	test('Knowledge Bases and Knowledge Items added with no entry: not sent', async () => {
		const result = await run(server, { parameters: updateAgent({ greeting: 'Hola', knowledgeBaseIds: {}, knowledgeItemIds: { entries: [] } }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: 'Hola' }]);
	});

	test.each([
		['Greeting', { greeting: '' }],
		['Prompt', { prompt: '={{ $json.prompt }}' }],
		['Description', { description: '   ' }],
		['Phone Menu Key Sequence', { phoneMenuKeySequence: '' }],
	])('%s empty: not sent (it would wipe the text)', async (_label, fields) => {
		const result = await run(server, { items: [{ prompt: '' }], parameters: updateAgent({ ...fields, volume: 60 }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ volume: 60 }]);
	});

	test('only empty fields: nothing is sent, and the error names them and the way to empty them', async () => {
		const result = await run(server, { parameters: updateAgent({ callTools: '[]', greeting: '' }) });

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'No field to update',
			description: 'Greeting, Call Tools are empty, and an empty field is not sent: give them values, or pick them under "Clear Fields" to empty them in Diga.',
		});
		expect(server.requests).toHaveLength(0);
	});
});

describe('Agent → Update: Clear Fields empties exactly the fields picked', () => {
	test('every list, a text and the variables: sent as Diga’s empty values', async () => {
		const result = await run(server, {
			parameters: updateAgent({ clearFields: ['callTools', 'knowledgeBaseIds', 'knowledgeItemIds', 'reminderMessages', 'greeting', 'dynamicVariables'] }),
		});

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ greeting: '', knowledge_base_ids: [], knowledge_item_ids: [], call_tools: [], reminder_messages: [], dynamic_variables: {} }]);
		expect(draft().call_tools).toEqual([]);
	});

	test('a field both given and picked under Clear Fields: refused before any request', async () => {
		const result = await run(server, { parameters: updateAgent({ knowledgeBaseIdList: K.faqBase, clearFields: ['knowledgeBaseIds'] }) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Knowledge Bases is both given and picked under Clear Fields' });
		expect(server.requests).toHaveLength(0);
	});

	test('a value Clear Fields does not offer (from an expression): refused, naming what it can empty', async () => {
		const result = await run(server, { parameters: updateAgent({ clearFields: '={{ ["name"] }}' }) });

		expect(result.error).toMatchObject({ message: 'Clear Fields cannot empty "name"', description: expect.stringContaining('It can empty Description, Greeting') });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Knowledge Base → Update: empty is not sent, Clear Fields is', () => {
	test('Knowledge Items added with no entry, and an empty Description: neither sent, the base keeps its items', async () => {
		const result = await run(server, { parameters: updateBase({ name: 'FAQ 2027', description: '', knowledgeItemIds: {} }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ name: 'FAQ 2027' }]);
		expect(faqItems()).toEqual([K.openingHours, K.returnsPolicy]);
	});

	test('only Knowledge Items, with no entry: nothing is sent, the error says how to empty the base', async () => {
		const result = await run(server, { parameters: updateBase({ knowledgeItemIds: {} }) });

		expect(result.error).toMatchObject({ message: 'No field to update', description: expect.stringContaining('pick it under "Clear Fields"') });
		expect(server.requests).toHaveLength(0);
	});

	test('Clear Fields → Knowledge Items and Description: every item leaves the base (none is deleted)', async () => {
		const result = await run(server, { parameters: updateBase({ clearFields: ['knowledgeItemIds', 'description'] }) });

		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual([{ description: '', knowledge_item_ids: [] }]);
		expect(faqItems()).toEqual([]);
		expect(server.state.knowledgeItems.map((item) => item.id)).toContain(K.openingHours);
	});
});

describe('Agent → Set Transfer Number: an empty Tool Description is not sent', () => {
	test('the tool keeps the description the agent reads', async () => {
		const result = await run(server, {
			parameters: { resource: 'agent', operation: 'transferNumber', agentId: locator('id', IDS.supportAgent), toolName: 'transfer_to_oncall', targetNumber: '+34600999888', additionalFields: { toolDescription: '' } },
		});

		expect(result.error).toBeUndefined();
		expect((draft().call_tools as unknown[])[0]).toEqual({ ...SUPPORT_CALL_TOOLS[0], target_number: '+34600999888' });
	});
});

describe('Phone → Import: an outbound section with an empty Termination URI', () => {
	test('is refused (it needs one), nothing imported', async () => {
		const result = await run(server, { parameters: { resource: 'phone', operation: 'import', phoneNumber: '+34675000111', outboundConfig: { terminationUri: '' } } as INodeParameters });

		expect(result.error).toMatchObject({ message: 'Outbound SIP Configuration needs a Termination URI' });
		expect(server.requests).toHaveLength(0);
	});
});
