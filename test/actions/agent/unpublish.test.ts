import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const unpublish = (agentId: string) => ({ resource: 'agent', operation: 'unpublish', agentId: locator('list', agentId) });

describe('Agent → Unpublish', () => {
	test('PATCH /v1/agent/{id}/published_version with { version_id: null }: no version live, Diga’s answer as output', async () => {
		const result = await run(server, { parameters: unpublish(IDS.nightAgent) });
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/agent/${IDS.nightAgent}/published_version`, { version_id: null }]]);
		expect(result.items).toEqual([
			{ json: { agent_id: IDS.nightAgent, published_version_id: null, inbound_phone_number_id: null, outbound_phone_number_id: null }, pairedItem: { item: 0 } },
		]);
		expect(server.state.agents[2].versions.some((v) => v.is_published)).toBe(false);
	});

	test('then Agent → Delete is no longer refused by Diga', async () => {
		await run(server, { parameters: unpublish(IDS.nightAgent) });
		const deleted = await run(server, { parameters: { resource: 'agent', operation: 'delete', agentId: locator('id', IDS.nightAgent) } });
		expect(deleted.items[0].json).toEqual({ id: IDS.nightAgent, deleted: true });
	});

	test('an unknown agent: named', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: unpublish(missing) });
		expect(result.error?.message).toBe(`Diga could not find agent ${missing} in this account`);
	});
});
