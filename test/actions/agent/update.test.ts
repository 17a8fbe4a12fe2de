import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VOICE_IDS } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const update = (agentId: unknown, updateFields: IDataObject, rest: IDataObject = {}) =>
	({ resource: 'agent', operation: 'update', agentId, updateFields, ...rest }) as INodeParameters;
const patches = () => server.requestsTo('PATCH').map((r) => [r.path, r.body]);

describe('Agent → Update sends exactly the fields the user set, in Diga’s names and types', () => {
	test('the greeting alone, multi-line text kept as written', async () => {
		const greeting = 'Hola, soy Lucía de Acme.\n¿En qué puedo ayudarle?';
		const result = await run(server, { parameters: update(locator('list', IDS.salesAgent), { greeting }) });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /v1/agent/${IDS.salesAgent}`]);
		expect(patches()).toEqual([[`/v1/agent/${IDS.salesAgent}`, { greeting }]]);
		expect(result.items).toEqual([{ json: expect.objectContaining({ agent_id: IDS.salesAgent, is_draft: true, greeting }), pairedItem: { item: 0 } }]);
	});

	test('every field at once: numbers as numbers, the voice picked from the list as its id, enums as Diga spells them', async () => {
		const result = await run(server, {
			parameters: update(locator('id', IDS.supportAgent), {
				name: 'Support bot (night)',
				description: 'Answers after hours',
				prompt: 'You are the support agent.\nBe brief.',
				greeting: 'Buenas noches',
				language: 'nl-BE',
				voiceId: locator('list', VOICE_IDS.mateo),
				timeBeforeStart: 0.5,
				volume: 70,
				dynamicVariables: '{"company": "Acme", "hours": 24}',
				voicemailDetection: true,
				voicemailAction: 'hang_up',
				voicemailMessage: 'Le llamamos de Acme.\nVolveremos a llamar.',
				maxReminderCount: 2,
				reminderFrequencyMs: 9000,
				reminderMessages: ['¿Sigue ahí?', '¿Me oye?'],
			}),
		});

		expect(result.error).toBeUndefined();
		expect(patches()).toEqual([
			[
				`/v1/agent/${IDS.supportAgent}`,
				{
					name: 'Support bot (night)',
					description: 'Answers after hours',
					prompt: 'You are the support agent.\nBe brief.',
					greeting: 'Buenas noches',
					time_before_start: 0.5,
					voice_id: VOICE_IDS.mateo,
					volume: 70,
					language: 'nl-BE',
					max_reminder_count: 2,
					reminder_frequency_ms: 9000,
					reminder_messages: ['¿Sigue ahí?', '¿Me oye?'],
					dynamic_variables: { company: 'Acme', hours: 24 },
					voicemail_detection: true,
					voicemail_action: 'hang_up',
					voicemail_message: 'Le llamamos de Acme.\nVolveremos a llamar.',
				},
			],
		]);
		expect(result.items[0].json).toMatchObject({ version_id: IDS.supportV2, is_draft: true, language: 'nl-BE', volume: 70, voice: { id: VOICE_IDS.mateo, name: 'Mateo' } });
	});

	test('expressions giving null clear the nullable fields (restoring a draft that had none)', async () => {
		await run(server, {
			items: [{ previous: { greeting: null, voicemail_message: null, dynamic_variables: null } }],
			parameters: update(locator('id', IDS.salesAgent), {
				greeting: '={{ $json.previous.greeting }}',
				voicemailMessage: '={{ $json.previous.voicemail_message }}',
				dynamicVariables: '={{ $json.previous.dynamic_variables }}',
			}),
		});
		expect(patches()).toEqual([[`/v1/agent/${IDS.salesAgent}`, { greeting: null, dynamic_variables: null, voicemail_message: null }]]);
	});

	test('the same PATCH twice leaves the draft as after the first (idempotent)', async () => {
		const parameters = update(locator('id', IDS.salesAgent), { greeting: 'Hola', volume: 60 });
		const first = await run(server, { parameters });
		const second = await run(server, { parameters });
		const { modified_at: _a, ...once } = first.items[0].json;
		const { modified_at: _b, ...twice } = second.items[0].json;
		expect(twice).toEqual(once);
		expect(patches()).toEqual([
			[`/v1/agent/${IDS.salesAgent}`, { greeting: 'Hola', volume: 60 }],
			[`/v1/agent/${IDS.salesAgent}`, { greeting: 'Hola', volume: 60 }],
		]);
	});
});

describe('Agent → Update: Include Previous Values', () => {
	test('reads the draft (GET without version parameters) before the PATCH and outputs it under "previous"', async () => {
		await run(server, { parameters: update(locator('id', IDS.salesAgent), { greeting: 'Primera versión' }) });
		server.requests = [];

		const result = await run(server, {
			parameters: update(locator('id', IDS.salesAgent), { greeting: 'Segunda versión' }, { includePreviousValues: true }),
		});

		expect(server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim())).toEqual([
			`GET /v1/agent/${IDS.salesAgent}`,
			`PATCH /v1/agent/${IDS.salesAgent}`,
		]);
		expect(result.items[0].json).toMatchObject({ greeting: 'Segunda versión', previous: { greeting: 'Primera versión', is_draft: true } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Agent → Update reads lists, numbers and JSON as a user means them', () => {
	test.each([
		['JSON text of a list, from an expression', '={{ \'["¿Sigue ahí?","¿Me oye?"]\' }}', ['¿Sigue ahí?', '¿Me oye?']],
		['JSON text of a list, typed in the first entry', ['["¿Sigue ahí?","¿Me oye?"]'], ['¿Sigue ahí?', '¿Me oye?']],
		['one text', '={{ "¿Sigue ahí?" }}', ['¿Sigue ahí?']],
		['a text that only starts like a list', ['[pausa] ¿Sigue ahí?'], ['[pausa] ¿Sigue ahí?']],
		['an empty entry among others', ['¿Sigue ahí?', ''], ['¿Sigue ahí?']],
	])('Reminder Messages, %s', async (_name, reminderMessages, sent) => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { reminderMessages }) });

		expect(result.error).toBeUndefined();
		expect(patches()).toEqual([[`/v1/agent/${IDS.salesAgent}`, { reminder_messages: sent }]]);
	});

	test.each([
		['an empty field', '={{ "" }}'],
		['an empty entry alone', ['']],
		['the field at its default', []],
	])('Reminder Messages, %s: an empty list is not sent (the agent keeps its messages), never [""]', async (_name, reminderMessages) => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { reminderMessages }) });

		expect(result.error).toMatchObject({
			message: 'No field to update',
			description: 'Reminder Messages is empty, and an empty field is not sent: give it a value, or pick it under "Clear Fields" to empty it in Diga.',
		});
		expect(server.requests).toHaveLength(0);
	});

	test('an empty Dynamic Variables ({}) is not sent: the agent keeps its variables', async () => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { greeting: 'Hola', dynamicVariables: '{}' }) });

		expect(result.error).toBeUndefined();
		expect(patches()).toEqual([[`/v1/agent/${IDS.salesAgent}`, { greeting: 'Hola' }]]);
	});

	test('numbers are read as decimals: "16" is 16, "0x10" is refused', async () => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { maxReminderCount: '={{ "16" }}', timeBeforeStart: '={{ " 1.5 " }}' }) });

		expect(result.error).toBeUndefined();
		expect(patches()).toEqual([[`/v1/agent/${IDS.salesAgent}`, { time_before_start: 1.5, max_reminder_count: 16 }]]);
	});

	test.each([
		[{ maxConcurrency: '={{ "0x10" }}' }, 'Option "Max Concurrency" must be a number from 1 to 100'],
		[{ maxRetries: '={{ "" }}' }, 'Option "Max Retries" must be a number from 0 to 10'],
		[{ timeout: '={{ "1e4" }}' }, 'Option "Timeout (Ms)" must be a number from 1 to 3600000'],
	])('the run options too: %j → %s', async (options, message) => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { greeting: 'Hola' }, { options }) });

		expect(result.error).toMatchObject({ message });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Agent → Update checks what the user typed before any request', () => {
	test.each([
		[{ volume: 101 }, 'Volume must be a whole number from 0 to 100'],
		[{ volume: 20.5 }, 'Volume must be a whole number from 0 to 100'],
		[{ timeBeforeStart: -1 }, 'Time Before Start (Seconds) must be a number of seconds, 0 or more'],
		[{ maxReminderCount: '={{ "many" }}' }, 'Max Reminders must be a whole number, 0 or more'],
		[{ reminderFrequencyMs: 0 }, 'Reminder Interval (Milliseconds) must be a whole number of milliseconds, 1 or more'],
		[{ language: '={{ "klingon" }}' }, expect.stringMatching(/^Language must be one of Diga's language codes \(es, en, multi, /)],
		[{ voicemailAction: '={{ "shout" }}' }, 'Voicemail Action must be one of leave_message, hang_up'],
		[{ voicemailDetection: '={{ "yes" }}' }, 'Voicemail Detection must be true or false'],
		[{ dynamicVariables: '[1, 2]' }, 'Dynamic Variables must be a JSON object, e.g. {"company": "Acme"}'],
		[{ dynamicVariables: '{not json' }, 'Dynamic Variables must be a JSON object, e.g. {"company": "Acme"}'],
		[{ reminderMessages: '={{ [1, 2] }}' }, 'Reminder Messages must be a list of texts'],
		[{ volume: '={{ null }}' }, 'Volume must be set (Diga cannot clear it)'],
		[{ maxReminderCount: '={{ "0x10" }}' }, 'Max Reminders must be a whole number, 0 or more'],
		[{ volume: '={{ "0x10" }}' }, 'Volume must be a whole number from 0 to 100'],
		[{ timeBeforeStart: '={{ "1e1" }}' }, 'Time Before Start (Seconds) must be a number of seconds, 0 or more'],
		[{ reminderFrequencyMs: '={{ " " }}' }, 'Reminder Interval (Milliseconds) must be a whole number of milliseconds, 1 or more'],
		[{ dynamicVariables: '{}' }, 'No field to update'],
		[{ dynamicVariables: '' }, 'No field to update'],
		[{ voiceId: locator('id', 'lucia') }, 'Voice is not a valid ID: "lucia"'],
		[{}, 'No field to update'],
	])('%j → %s', async (fields, message) => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), fields, { includePreviousValues: true }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});

	test('continue on fail: a bad item becomes an error item, the others are sent, each paired with its input', async () => {
		const result = await run(server, {
			items: [{ volume: 40 }, { volume: 400 }, { volume: 80 }],
			nodeSettings: { continueOnFail: true },
			parameters: update(locator('id', IDS.nightAgent), { volume: '={{ $json.volume }}' }),
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.volume, item.pairedItem])).toEqual([
			[40, { item: 0 }],
			['Volume must be a whole number from 0 to 100', { item: 1 }],
			[80, { item: 2 }],
		]);
		expect(server.requestsTo('PATCH')).toHaveLength(2);
	});
});

describe('Agent → Update: Diga’s errors', () => {
	test('404: names the agent', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: update(locator('id', missing), { greeting: 'Hola' }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find agent ${missing} in this account` });
	});

	test('a voice Diga does not have: its 400 in Diga’s words', async () => {
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { voiceId: locator('id', 'd0000000-0009-4000-8000-000000000009') }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Diga rejected the request: Invalid parameter value provided' });
	});

	test('422: names the field the user filled in', async () => {
		server.fault({ method: 'PATCH', status: 422, body: { detail: [{ loc: ['body', 'greeting'], msg: 'String should have at most 2000 characters', type: 'string_too_long' }] } });
		const result = await run(server, { parameters: update(locator('id', IDS.salesAgent), { greeting: 'x'.repeat(2001) }) });
		expect(result.error?.message).toBe('Diga rejected these fields: Greeting (greeting): String should have at most 2000 characters');
	});
});

describe('Agent → Update: knowledge, background audio, phone menus and call tools', () => {
	const KB = 'e0000000-0001-4000-8000-000000000001';
	const ITEM = 'f0000000-0004-4000-8000-000000000004';

	test('each sent in Diga’s names: picked ids as lists, enums as Diga spells them, the call tools as given', async () => {
		const tools = [
			{ type: 'transfer_call', name: 'transfer_to_owner', target_number: '+34600112233', transfer_type: 'transfer' },
			{ type: 'hang_up', name: 'end_call' },
		];
		const result = await run(server, {
			parameters: update(locator('id', IDS.supportAgent), {
				knowledgeBaseIds: { entries: [{ id: locator('list', KB) }] },
				knowledgeItemIds: { entries: [{ id: locator('id', ITEM) }] },
				backgroundAudio: 'cafe',
				phoneMenuDetection: true,
				phoneMenuAction: 'navigate',
				phoneMenuNavigationMode: 'key_sequence',
				phoneMenuGoal: 'Reach billing',
				phoneMenuKeySequence: '1, 3,#',
				callTools: JSON.stringify(tools),
			}),
		});
		expect(result.error).toBeUndefined();
		expect(patches()).toEqual([
			[
				`/v1/agent/${IDS.supportAgent}`,
				{
					knowledge_base_ids: [KB],
					knowledge_item_ids: [ITEM],
					background_audio: 'cafe',
					phone_menu_detection: true,
					phone_menu_action: 'navigate',
					phone_menu_navigation_mode: 'key_sequence',
					phone_menu_goal: 'Reach billing',
					phone_menu_key_sequence: '1,3,#',
					call_tools: tools,
				},
			],
		]);
		expect(result.items[0].json).toMatchObject({ knowledge_base_ids: [KB], background_audio: 'cafe', call_tools: tools });
	});

	test.each([
		[{ backgroundAudio: '={{ "jungle" }}' }, 'Background Audio must be one of call_center, cafe, road_traffic, park, office, car_garage'],
		[{ phoneMenuNavigationMode: '={{ "random" }}' }, 'Phone Menu Navigation Mode must be one of goal, key_sequence'],
		[{ phoneMenuKeySequence: '1,2,x' }, 'Phone Menu Key Sequence must be keys 0-9, * or #, separated by commas, e.g. 1,3,5'],
		[{ callTools: '[{"type": "transfer", "name": "x"}]' }, 'Call Tools must be a JSON list of call tools, each with "type" (transfer_call or hang_up) and "name"'],
		[{ knowledgeBaseIds: { entries: [{ id: locator('id', 'faq') }] } }, 'Knowledge Bases (entry 1) is not a valid ID: "faq"'],
	])('%j → %s, before any request', async (fields, message) => {
		const result = await run(server, { parameters: update(locator('id', IDS.supportAgent), fields) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});
});
