import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, pkg, run, TEST_API_KEY, useDigaServer } from '../../helpers';

const server = useDigaServer();

const release = (phoneId: unknown) => ({ resource: 'phone', operation: 'release', phoneId }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());
const missing = 'c0000000-9999-4000-8000-000000000999';

describe('Phone → Release', () => {
	test('sends DELETE /v1/phone/{id} with no body and outputs { id, released: true }', async () => {
		const result = await run(server, { parameters: release(locator('list', IDS.salesPhone)) });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`DELETE /v1/phone/${IDS.salesPhone}`]);
		expect(server.requests[0].body).toBeUndefined();
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(result.items).toEqual([{ json: { id: IDS.salesPhone, released: true }, pairedItem: { item: 0 } }]);
		// A purchased number stays until the end of its billing cycle.
		expect(server.state.phones.find((p) => p.id === IDS.salesPhone)?.scheduled_release_at).toEqual(expect.any(String));
	});

	test('by number: the account is listed once, then the matching phone is released', async () => {
		const result = await run(server, { parameters: release(locator('number', '+34 911 23 45 67')) });

		expect(calls()).toEqual(['GET /v1/phone/ limit=100', `DELETE /v1/phone/${IDS.receptionPhone}`]);
		expect(result.items[0].json).toEqual({ id: IDS.receptionPhone, released: true });
	});

	test('one DELETE per item, outputs in input order', async () => {
		const ids = [IDS.salesPhone, IDS.supportPhone, IDS.outboundPhone];
		const result = await run(server, { items: ids.map((id) => ({ id })), parameters: release(locator('id', '={{ $json.id }}')) });

		expect(server.requestsTo('DELETE').map((r) => r.path).sort()).toEqual(ids.map((id) => `/v1/phone/${id}`).sort());
		expect(result.items).toEqual(ids.map((id, item) => ({ json: { id, released: true }, pairedItem: { item } })));
	});

	test('the parameter hint says it is not reversible, and which numbers cannot be released', () => {
		const phone = pkg.node.description.properties.find((p) => p.name === 'phoneId' && p.displayOptions?.show?.operation?.includes('release'));
		expect(phone?.hint).toMatch(/^Not reversible/);
		expect(phone?.hint).toContain('Reserved and pending-verification numbers cannot be released');
	});
});

describe('Phone → Release errors', () => {
	test('404: names the phone; Diga’s words in the description', async () => {
		const result = await run(server, { parameters: release(locator('id', missing)) });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: `Diga could not find phone ${missing} in this account`,
			description: `Diga says: Phone ${missing} not found | error code: PHONE_NOT_FOUND (HTTP 404)`,
		});
	});

	test('a reserved number cannot be released: Diga’s reason is shown', async () => {
		server.state.phones[0].status = 'reserved';
		const result = await run(server, { parameters: release(locator('id', server.state.phones[0].id)) });

		expect(result.error?.message).toBe(`Diga rejected the request: Phone ${server.state.phones[0].id} is reserved and cannot be released`);
	});

	test('continue on fail: the missing phone becomes an error item, the others are released', async () => {
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: missing }, { id: 'nope' }, { id: IDS.supportPhone }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: release(locator('id', '={{ $json.id }}')),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[IDS.salesPhone, { item: 0 }],
			[`Diga could not find phone ${missing} in this account`, { item: 1 }],
			['Phone is not a valid ID: "nope"', { item: 2 }],
			[IDS.supportPhone, { item: 3 }],
		]);
		expect(server.requestsTo('DELETE')).toHaveLength(3);
	});
});
