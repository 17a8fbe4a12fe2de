import { VOICE_IDS } from '../../dev/diga-server/fixtures';
import { searchAgents, searchAgentVersions, searchPhones, searchVoices } from '../../nodes/Diga/methods/listSearch';
import { IDS, searchContext, useDigaServer } from '../helpers';

const server = useDigaServer();

describe('Phone picker (searchPhones)', () => {
	test('labels phones by number and nickname, newest first, values are ids', async () => {
		const result = await searchPhones.call(searchContext(server, 'parameters.phoneId'));

		expect(result).toEqual({
			results: [
				{ name: '+34600111222 — Outbound campaigns', value: IDS.outboundPhone },
				{ name: '+34955000111', value: IDS.releasedPhone },
				{ name: '+34931112233 — Support line', value: IDS.supportPhone },
				{ name: '+34911234568 — Sales line', value: IDS.salesPhone },
				{ name: '+34911234567 — Reception', value: IDS.receptionPhone },
			],
			paginationToken: undefined,
		});
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '100' }]);
	});

	test('filters by number or nickname, case-insensitively', async () => {
		const byName = await searchPhones.call(searchContext(server, 'parameters.phoneId'), 'support');
		const byNumber = await searchPhones.call(searchContext(server, 'parameters.phoneId'), '+3491123');

		expect(byName.results.map((r) => r.value)).toEqual([IDS.supportPhone]);
		expect(byNumber.results.map((r) => r.value)).toEqual([IDS.salesPhone, IDS.receptionPhone]);
	});

	test('pages with Diga’s cursor: the token is the last id, and the next call sends it as `after`', async () => {
		server.reset(245); // 250 phones
		const context = searchContext(server, 'parameters.phoneId');

		const first = await searchPhones.call(context);
		const second = await searchPhones.call(context, undefined, first.paginationToken);
		const third = await searchPhones.call(context, undefined, second.paginationToken);

		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe(first.results[99].value);
		expect(second.results).toHaveLength(100);
		expect(third.results).toHaveLength(50);
		expect(third.paginationToken).toBeUndefined();
		expect(server.requests.map((r) => r.query.after)).toEqual([undefined, first.paginationToken, second.paginationToken]);
		const all = [...first.results, ...second.results, ...third.results].map((r) => r.value);
		expect(new Set(all).size).toBe(250);
	});

	test('a filter reads on through later pages to find its matches', async () => {
		server.reset(245);
		const result = await searchPhones.call(searchContext(server, 'parameters.phoneId'), 'Reception');

		expect(result.results).toEqual([{ name: '+34911234567 — Reception', value: IDS.receptionPhone }]);
		expect(result.paginationToken).toBeUndefined();
		expect(server.requests).toHaveLength(3);
	});

	test('a wrong key shows Diga’s answer as an error in the picker', async () => {
		await expect(searchPhones.call(searchContext(server, 'parameters.phoneId', 'nope'))).rejects.toMatchObject({
			message: 'Diga did not accept the API key. Check the API key in the Diga API credential.',
		});
	});
});

describe('Agent version picker (searchAgentVersions)', () => {
	test('lists every version of every agent, labelled with agent, number, name and state', async () => {
		const result = await searchAgentVersions.call(searchContext(server, 'parameters.updateFields.inboundVersionId'));

		expect(result.results).toEqual([
			{ name: 'Sales bot — v1', value: IDS.salesV1 },
			{ name: 'Sales bot — v2 Summer offer', value: IDS.salesV2 },
			{ name: 'Sales bot — v3 (published)', value: IDS.salesV3 },
			{ name: 'Support bot — v1 (published)', value: IDS.supportV1 },
			{ name: 'Support bot — v2 (draft)', value: IDS.supportV2 },
			{ name: 'After-hours bot — v1 (published)', value: IDS.nightV1 },
		]);
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/agent/versions-dropdown/dashboard']);
	});

	test('in a node with an Agent chosen (Publish Version): only that agent’s versions', async () => {
		const publish = { resource: 'agent', operation: 'publishVersion', agentId: { __rl: true, mode: 'list', value: IDS.supportAgent } };
		const result = await searchAgentVersions.call(searchContext(server, 'parameters.versionId', undefined, publish));

		expect(result.results).toEqual([
			{ name: 'Support bot — v1 (published)', value: IDS.supportV1 },
			{ name: 'Support bot — v2 (draft)', value: IDS.supportV2 },
		]);
	});

	test('an Agent given by an expression does not narrow the list (it is known only at run time)', async () => {
		const publish = { resource: 'agent', operation: 'publishVersion', agentId: { __rl: true, mode: 'id', value: '={{ $json.agent }}' } };
		const result = await searchAgentVersions.call(searchContext(server, 'parameters.versionId', undefined, publish));
		expect(result.results).toHaveLength(6);
	});

	test('filters by agent name or state', async () => {
		const context = searchContext(server, 'parameters.updateFields.inboundVersionId');
		expect((await searchAgentVersions.call(context, 'after-hours')).results.map((r) => r.value)).toEqual([IDS.nightV1]);
		expect((await searchAgentVersions.call(context, 'published')).results.map((r) => r.value)).toEqual([
			IDS.salesV3,
			IDS.supportV1,
			IDS.nightV1,
		]);
	});
});

describe('Agent picker (searchAgents)', () => {
	test('lists agents by name with their ids, filterable', async () => {
		const context = searchContext(server, 'parameters.filters.inboundAgentId');
		expect((await searchAgents.call(context)).results).toEqual([
			{ name: 'After-hours bot', value: IDS.nightAgent },
			{ name: 'Support bot', value: IDS.supportAgent },
			{ name: 'Sales bot', value: IDS.salesAgent },
		]);
		expect((await searchAgents.call(context, 'SALES')).results).toEqual([{ name: 'Sales bot', value: IDS.salesAgent }]);
	});
});

describe('Voice picker (searchVoices)', () => {
	const context = () => searchContext(server, 'parameters.updateFields.voiceId', undefined, { resource: 'agent', operation: 'update' });

	test('lists Diga’s voices, newest first, labelled with gender and provider, in pages of 50 (the endpoint’s maximum)', async () => {
		const result = await searchVoices.call(context());

		expect(result).toEqual({
			results: [
				{ name: 'Aoede (gemini)', value: VOICE_IDS.aoede },
				{ name: 'Mateo (male, elevenlabs)', value: VOICE_IDS.mateo },
				{ name: 'Lucía (female, elevenlabs)', value: VOICE_IDS.lucia },
			],
			paginationToken: undefined,
		});
		expect(server.requests.map((r) => `${r.path} ${new URLSearchParams(r.query)}`)).toEqual(['/v1/voice/ limit=50']);
	});

	test('the filter is Diga’s own search', async () => {
		const result = await searchVoices.call(context(), ' mat ');
		expect(result.results).toEqual([{ name: 'Mateo (male, elevenlabs)', value: VOICE_IDS.mateo }]);
		expect(server.requests.map((r) => r.query)).toEqual([{ search: 'mat', limit: '50' }]);
	});

	test('pages with the cursor n8n hands back', async () => {
		server.state.voices.push(
			...Array.from({ length: 60 }, (_, i) => ({ ...server.state.voices[0], id: `d1000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, name: `Voice ${i + 1}` })),
		);
		const first = await searchVoices.call(context());
		const second = await searchVoices.call(context(), undefined, first.paginationToken);

		expect(first.results).toHaveLength(50);
		expect(second.results).toHaveLength(13);
		expect(second.paginationToken).toBeUndefined();
		expect(server.requests.map((r) => r.query.after)).toEqual([undefined, first.paginationToken]);
	});
});

describe('pickers on answers that are not what the spec promises', () => {
	test.each([
		['a null agent', [null]],
		['versions that are not a list', [{ agent_id: IDS.salesAgent, name: 'Sales bot', versions: 'v1' }]],
		['a null version', [{ agent_id: IDS.salesAgent, name: 'Sales bot', versions: [null] }]],
		['an object instead of a list', { agents: [] }],
	])('version picker, %s: a clear error, not a TypeError', async (_name, body) => {
		server.fault({ method: 'GET', status: 200, body });
		await expect(searchAgentVersions.call(searchContext(server, 'parameters.updateFields.inboundVersionId'))).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Diga answered, but not with a list of agents with their versions',
		});
	});

	test('phone picker, a null in the page: a clear error', async () => {
		server.fault({ method: 'GET', status: 200, body: { data: [null], has_more: false, first_id: null, last_id: null } });
		await expect(searchPhones.call(searchContext(server, 'parameters.phoneId'))).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Diga answered, but not with a list of records',
		});
	});
});
