import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (resource: string, operation: string, rest: object = {}) => ({ resource, operation, ...rest }) as INodeParameters;
const queries = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

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
