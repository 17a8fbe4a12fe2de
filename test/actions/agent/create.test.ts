import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VOICE_IDS } from '../../../dev/diga-server/fixtures';
import type { Fault } from '../../../dev/diga-server/digaServer';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const create = (rest: IDataObject = {}) =>
	({ resource: 'agent', operation: 'create', name: 'Acme reception', voiceId: locator('list', VOICE_IDS.mateo), language: 'es', ...rest }) as INodeParameters;
const posts = () => server.requestsTo('POST');
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

describe('Agent → Create', () => {
	test('name, voice, language, prompt and greeting: POST /v1/agent/ with exactly those, the new agent as output (v1 and a draft in Diga)', async () => {
		const result = await run(server, { parameters: create({ prompt: 'Eres la recepción de Acme.\nSé breve.', greeting: 'Hola, Acme.' }) });

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => [r.path, r.query, r.body])).toEqual([
			['/v1/agent/', {}, { name: 'Acme reception', voice_id: VOICE_IDS.mateo, language: 'es', prompt: 'Eres la recepción de Acme.\nSé breve.', greeting: 'Hola, Acme.' }],
		]);
		const created = server.state.agents[3];
		expect(created.versions.map((v) => [v.version_number, v.is_draft])).toEqual([[1, false], [2, true]]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({
			json: { agent_id: created.agent_id, name: 'Acme reception', version_number: 1, is_draft: false, language: 'es', prompt: 'Eres la recepción de Acme.\nSé breve.', voice: { id: VOICE_IDS.mateo } },
			pairedItem: { item: 0 },
		});
	});

	test('Draft Only, Description and Version Name: is_draft=true and the two fields; empty Prompt and Greeting are not sent', async () => {
		await run(server, { parameters: create({ prompt: '', greeting: '  ', additionalFields: { draftOnly: true, description: 'For Acme', versionName: 'Launch' } }) });
		expect(posts().map((r) => [r.query, r.body])).toEqual([
			[{ is_draft: 'true' }, { name: 'Acme reception', voice_id: VOICE_IDS.mateo, language: 'es', description: 'For Acme', version_name: 'Launch' }],
		]);
	});

	test('Description and Version Name added and left empty: not sent', async () => {
		await run(server, { parameters: create({ additionalFields: { description: '', versionName: ' ', draftOnly: false } }) });
		expect(posts().map((r) => [r.query, r.body])).toEqual([[{}, { name: 'Acme reception', voice_id: VOICE_IDS.mateo, language: 'es' }]]);
	});

	test.each([
		['an empty name', { name: ' ' }, 'Name is empty'],
		['a voice that is not an ID (from an expression)', { voiceId: '={{ "Lucía" }}' }, 'Voice is not a valid ID: "Lucía"'],
		['a language Diga does not offer', { language: 'klingon' }, 'Language is not a language Diga offers: "klingon"'],
	])('%s: refused before any request, naming the field', async (_name, rest, message) => {
		const result = await run(server, { parameters: create(rest) });
		expect(errorOf(result)?.message).toBe(message);
		expect(server.requests).toEqual([]);
	});

	test('several items: a bad one fails the run before any agent is created', async () => {
		const result = await run(server, { items: [{ name: 'A' }, { name: '' }], parameters: create({ name: '={{ $json.name }}' }) });
		expect(errorOf(result)?.message).toBe('Name is empty');
		expect(errorOf(result)?.description).toContain('Nothing was changed in Diga');
		expect(posts()).toEqual([]);
	});

	test('an unknown voice: Diga’s 400, with its words', async () => {
		const result = await run(server, { parameters: create({ voiceId: locator('id', 'd0000000-0009-4000-8000-000000000009') }) });
		expect(errorOf(result)?.message).toBe('Diga rejected the request: Invalid parameter value provided');
	});
});

describe('Agent → Create: the answer is lost', () => {
	const lost: Array<[string, Fault]> = [
		['a 504 after Diga acted', { status: 504, afterActing: true }],
		['a reset after the request was written', { kind: 'reset', afterActing: true }],
	];
	test.each(lost)('%s: sent once, one agent in Diga, "Outcome unknown" saying to look for the name in Agent → Get Many', async (_name, fault) => {
		server.fault({ ...fault, method: 'POST', path: /^\/v1\/agent\/$/ });
		const result = await run(server, { parameters: { ...create(), options: { maxRetries: 3 } } });

		expect(posts()).toHaveLength(1);
		expect(server.state.agents.filter((a) => a.name === 'Acme reception')).toHaveLength(1);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent "Acme reception", but its answer was lost/);
		expect(errorOf(result)?.description).toContain('check: Agent → Get Many (newest first) for an agent named "Acme reception" created in the last minutes');
	});

	test('a 429 (Diga did not act): sent again without a look, one agent', async () => {
		server.fault({ status: 429, headers: { 'retry-after': '0' }, method: 'POST', path: /^\/v1\/agent\/$/ });
		const result = await run(server, { parameters: create() });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
		expect(server.state.agents.filter((a) => a.name === 'Acme reception')).toHaveLength(1);
	});

	test('a 503 from a gateway that passed the request on: the newest agents are listed, an agent of that name made just now leaves the outcome unknown, nothing sent again', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, afterActing: true, method: 'POST', path: /^\/v1\/agent\/$/ });
		const result = await run(server, { parameters: create() });

		expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', '/v1/agent/', {}],
			['GET', '/v1/agent/', { limit: '100' }],
		]);
		const made = server.state.agents.filter((a) => a.name === 'Acme reception');
		expect(made).toHaveLength(1);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent "Acme reception"/);
		expect(errorOf(result)?.description).toContain(`named "Acme reception" created since (${made[0].agent_id})`);
		expect(errorOf(result)?.description).toContain('Agent → Get Many');
	});

	test('two items of one run with the same name, the second answered 503 without Diga acting: the first item\'s agent is not taken for the second', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, method: 'POST', path: /^\/v1\/agent\/$/, skip: 1, times: 1 });
		const result = await run(server, { parameters: { ...create(), options: { maxConcurrency: 1 } }, items: [{}, {}], nodeSettings: { continueOnFail: true } });

		const made = server.state.agents.filter((a) => a.name === 'Acme reception');
		expect(made).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ agent_id: made[0].agent_id });
		expect(result.items[1].json.agent_id).toBeUndefined();
		expect(String(result.items[1].json.error)).toMatch(/^Outcome unknown/);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a 503 where Diga did not act: listed, none made since, sent again: one agent', async () => {
		// An agent of the same name made long ago does not count.
		server.state.agents.push({ ...server.state.agents[2], agent_id: 'a4444444-4444-4444-8444-444444444444', name: 'Acme reception' });
		server.fault({ status: 503, headers: { 'retry-after': '0' }, method: 'POST', path: /^\/v1\/agent\/$/ });
		const result = await run(server, { parameters: create() });

		expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
		expect(result.items[0].json.foundAfterRetry).toBeUndefined();
		expect(server.state.agents.filter((a) => a.name === 'Acme reception')).toHaveLength(2);
	});
});
