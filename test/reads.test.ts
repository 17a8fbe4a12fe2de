import type { INodeParameters } from 'n8n-workflow';

import { searchAgents } from '../nodes/Diga/methods/listSearch';
import { IDS, locator, run, searchContext, useDigaServer } from './helpers';

const server = useDigaServer();

const params = (resource: string, operation: string, rest: object = {}) => ({ resource, operation, ...rest }) as INodeParameters;
const queries = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

describe('Phone → Get', () => {
	test('by id: one GET, the phone as Diga returned it', async () => {
		const result = await run(server, { parameters: params('phone', 'get', { phoneId: locator('id', IDS.supportPhone) }) });
		expect(queries()).toEqual([`GET /v1/phone/${IDS.supportPhone}`]);
		expect(result.items).toEqual([{ json: server.state.phones[2], pairedItem: { item: 0 } }]);
	});

	test('by number, for several items: one listing, then one GET each', async () => {
		const result = await run(server, {
			items: [{ n: '+34911234567' }, { n: '+34911234568' }],
			parameters: params('phone', 'get', { phoneId: locator('number', '={{ $json.n }}') }),
		});
		expect(queries()).toEqual(['GET /v1/phone/ limit=100', `GET /v1/phone/${IDS.receptionPhone}`, `GET /v1/phone/${IDS.salesPhone}`]);
		expect(result.items.map((i) => i.json.nickname)).toEqual(['Reception', 'Sales line']);
	});

	test('a missing phone: NodeApiError naming it', async () => {
		const missing = 'c0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('phone', 'get', { phoneId: locator('id', missing) }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find phone ${missing} in this account` });
	});

	test('a 200 whose body is not a phone is an error, not output', async () => {
		server.fault({ method: 'GET', status: 200, body: { ok: true } });
		const result = await run(server, { parameters: params('phone', 'get', { phoneId: locator('id', IDS.supportPhone) }) });
		expect(result.error).toMatchObject({ message: 'Diga answered, but not with a phone' });
		expect(result.items).toEqual([]);
	});
});

describe('Phone → Get Many', () => {
	test('limit 50 (the default) is one request for 50', async () => {
		server.reset(245);
		const result = await run(server, { parameters: params('phone', 'getAll') });
		expect(queries()).toEqual(['GET /v1/phone/ limit=50']);
		expect(result.items).toHaveLength(50);
		expect(result.items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('limit 150: pages of 100 then 50, never more than asked', async () => {
		server.reset(245);
		const result = await run(server, { parameters: params('phone', 'getAll', { limit: 150 }) });
		expect(server.requests.map((r) => r.query.limit)).toEqual(['100', '50']);
		expect(server.requests[1].query.after).toBe(result.items[99].json.id);
		expect(result.items).toHaveLength(150);
	});

	test('Return All over 250 phones costs exactly 3 requests', async () => {
		server.reset(245);
		const result = await run(server, { parameters: params('phone', 'getAll', { returnAll: true }) });
		expect(server.requests).toHaveLength(3);
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/phone/', '/v1/phone/', '/v1/phone/']);
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(250);
	});

	test('every filter becomes Diga’s query parameter', async () => {
		const result = await run(server, {
			parameters: params('phone', 'getAll', {
				returnAll: true,
				filters: {
					status: 'assigned',
					inboundAgentId: locator('list', IDS.supportAgent),
					assignedAfter: '2026-03-15T00:00:00Z',
					assignedBefore: '2026-12-31T23:59:59Z',
				},
			}),
		});
		expect(server.requests[0].query).toEqual({
			limit: '100',
			status: 'assigned',
			inbound_agent_id: IDS.supportAgent,
			start_assigned_at: '2026-03-15T00:00:00Z',
			end_assigned_at: '2026-12-31T23:59:59Z',
		});
		expect(result.items.map((i) => i.json.id)).toEqual([IDS.supportPhone]);
	});

	test('outbound agent and status released', async () => {
		const outbound = await run(server, {
			parameters: params('phone', 'getAll', { filters: { outboundAgentId: locator('id', IDS.salesAgent) } }),
		});
		expect(outbound.items.map((i) => i.json.id)).toEqual([IDS.outboundPhone]);
		const released = await run(server, { parameters: params('phone', 'getAll', { filters: { status: 'released' } }) });
		expect(released.items.map((i) => i.json.id)).toEqual([IDS.releasedPhone]);
	});

	test('no match: no items and no error', async () => {
		const result = await run(server, {
			parameters: params('phone', 'getAll', { returnAll: true, filters: { inboundAgentId: locator('id', IDS.nightAgent) } }),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	test('an invalid date or agent id is named before any request', async () => {
		const badDate = await run(server, {
			items: [{ d: 'next tuesday' }],
			parameters: params('phone', 'getAll', { filters: { assignedAfter: '={{ $json.d }}' } }),
		});
		expect(badDate.error?.message).toBe('Assigned After is not a date and time: "next tuesday"');
		const badAgent = await run(server, {
			items: [{ a: 'sales' }],
			parameters: params('phone', 'getAll', { filters: { inboundAgentId: locator('id', '={{ $json.a }}') } }),
		});
		expect(badAgent.error?.message).toBe('Inbound Agent is not a valid ID: "sales"');
		expect(server.requests).toHaveLength(0);
	});

	test('a wrong key: the 401 error', async () => {
		const result = await run(server, { apiKey: 'bad', parameters: params('phone', 'getAll') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});
});

describe('Agent → Get', () => {
	test('Diga’s default version: no version parameters', async () => {
		const result = await run(server, { parameters: params('agent', 'get', { agentId: locator('list', IDS.salesAgent) }) });
		expect(queries()).toEqual([`GET /v1/agent/${IDS.salesAgent}`]);
		expect(result.items[0].json).toMatchObject({ agent_id: IDS.salesAgent, name: 'Sales bot' });
	});

	test('the published version', async () => {
		const result = await run(server, {
			parameters: params('agent', 'get', { agentId: locator('id', IDS.supportAgent), version: 'published' }),
		});
		expect(queries()).toEqual([`GET /v1/agent/${IDS.supportAgent} is_published=true`]);
		expect(result.items[0].json).toMatchObject({ version_id: IDS.supportV1, is_published: true });
	});

	test('a specific version', async () => {
		const result = await run(server, {
			parameters: params('agent', 'get', {
				agentId: locator('id', IDS.salesAgent),
				version: 'specific',
				versionId: locator('list', IDS.salesV2),
			}),
		});
		expect(queries()).toEqual([`GET /v1/agent/${IDS.salesAgent} version_id=${IDS.salesV2}`]);
		expect(result.items[0].json).toMatchObject({ version_id: IDS.salesV2, version_name: 'Summer offer' });
	});

	test('a version of another agent: 404 naming the version', async () => {
		const result = await run(server, {
			parameters: params('agent', 'get', { agentId: locator('id', IDS.salesAgent), version: 'specific', versionId: locator('id', IDS.nightV1) }),
		});
		expect(result.error?.message).toBe(`Diga could not find version ${IDS.nightV1} of agent ${IDS.salesAgent}`);
	});

	test('a missing agent: 404 naming the agent', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: params('agent', 'get', { agentId: locator('id', missing) }) });
		expect(result.error?.message).toBe(`Diga could not find agent ${missing} in this account`);
	});
});

describe('Agent → Get Many', () => {
	test('all agents, with filters as query parameters', async () => {
		const all = await run(server, { parameters: params('agent', 'getAll', { returnAll: true }) });
		expect(all.items.map((i) => i.json.name)).toEqual(['After-hours bot', 'Support bot', 'Sales bot']);

		server.reset();
		const paths = await run(server, { parameters: params('agent', 'getAll', { filters: { mode: 'path', isPublished: true } }) });
		expect(server.requests[0].query).toEqual({ limit: '50', mode: 'path', is_published: 'true' });
		expect(paths.items.map((i) => i.json.name)).toEqual(['Support bot']);
	});

	test('limit 2: one request for 2', async () => {
		const result = await run(server, { parameters: params('agent', 'getAll', { limit: 2 }) });
		expect(server.requests.map((r) => r.query)).toEqual([{ limit: '2' }]);
		expect(result.items).toHaveLength(2);
	});
});

describe('Agent Version → Get Many', () => {
	test('the versions of one agent, so a workflow can pick the published one', async () => {
		const result = await run(server, {
			parameters: params('agentVersion', 'getAll', { agentId: locator('id', IDS.salesAgent), returnAll: true }),
		});
		expect(queries()).toEqual([`GET /v1/agent/${IDS.salesAgent}/version limit=100`]);
		expect(result.items.map((i) => [i.json.version_number, i.json.is_published])).toEqual([
			[3, true],
			[2, false],
			[1, false],
		]);
	});

	test('an unknown agent: 404 naming it', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: params('agentVersion', 'getAll', { agentId: locator('id', missing) }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find agent ${missing} in this account` });
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
