import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

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
