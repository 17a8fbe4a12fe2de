import type { INodeParameters } from 'n8n-workflow';

import { CALL_IDS, makeCall } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const getAll = (rest: object = {}) => ({ resource: 'call', operation: 'getAll', ...rest }) as INodeParameters;
const queries = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

describe('Call → Get Many', () => {
	test('newest first, limit 50 by default', async () => {
		const result = await run(server, { parameters: getAll() });
		expect(queries()).toEqual(['GET /v1/call/ limit=50']);
		expect(result.items.map((i) => i.json.id)).toEqual([CALL_IDS.inboundLive, CALL_IDS.outboundDone, CALL_IDS.inboundDone]);
	});

	test('every filter becomes the query parameter of the spec; a phone by number is looked up once', async () => {
		const result = await run(server, {
			parameters: getAll({
				returnAll: true,
				filters: {
					agentId: locator('list', IDS.salesAgent),
					phoneId: locator('number', '+34 600 111 222'),
					status: 'completed',
					direction: 'outbound',
					contactId: CALL_IDS.contactLuis,
					createdAfter: '2026-07-01T00:00:00Z',
					createdBefore: '2026-07-02T00:00:00Z',
				},
			}),
		});
		expect(queries()[0]).toBe('GET /v1/phone/ limit=100');
		expect(server.requests[1].path).toBe('/v1/call/');
		expect(server.requests[1].query).toEqual({
			limit: '100',
			agent_id: IDS.salesAgent,
			phone_id: IDS.outboundPhone,
			status: 'completed',
			type: 'outbound',
			contact_id: CALL_IDS.contactLuis,
			start_created_date: '2026-07-01T00:00:00Z',
			end_created_date: '2026-07-02T00:00:00Z',
		});
		expect(result.items.map((i) => i.json.id)).toEqual([CALL_IDS.outboundDone]);
	});

	test('Return All over 230 calls: pages of 100 with the cursor, every call once', async () => {
		for (let i = 0; i < 227; i++) {
			const id = `e2000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
			server.state.calls.push(makeCall(id, new Date(Date.parse('2026-08-01T00:00:00Z') + i * 60_000).toISOString()));
		}
		const result = await run(server, { parameters: getAll({ returnAll: true }) });
		expect(server.requests.map((r) => [r.query.limit, r.query.after])).toEqual([
			['100', undefined],
			['100', result.items[99].json.id],
			['100', result.items[199].json.id],
		]);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(230);
	});

	test('a contact that is not an id, or a date that is not one, is named before any request', async () => {
		const contact = await run(server, { parameters: getAll({ filters: { contactId: 'Ana' } }) });
		expect(contact.error?.message).toBe('Contact ID is not a valid ID: "Ana"');
		const date = await run(server, { items: [{ d: 'yesterday' }], parameters: getAll({ filters: { createdAfter: '={{ $json.d }}' } }) });
		expect(date.error?.message).toBe('Created After is not a date and time: "yesterday"');
		expect(server.requests).toHaveLength(0);
	});
});
