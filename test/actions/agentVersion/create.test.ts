import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const create = (agentId: unknown, additionalFields: IDataObject = {}) =>
	({ resource: 'agentVersion', operation: 'create', agentId, additionalFields }) as INodeParameters;
const posts = () => server.requestsTo('POST');

describe('Agent Version → Create', () => {
	test('without a name: POST /v1/agent/{agent_id}/version with { version_name: null } (n8n sends no body for {}), the new version as output', async () => {
		const result = await run(server, { parameters: create(locator('list', IDS.salesAgent)) });

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => [r.path, r.body])).toEqual([[`/v1/agent/${IDS.salesAgent}/version`, { version_name: null }]]);
		const created = server.state.agents[0].versions[3];
		expect(result.items).toEqual([
			{
				json: {
					agent_id: IDS.salesAgent,
					name: 'Sales bot',
					description: null,
					mode: 'free',
					created_at: '2026-01-10T09:00:00Z',
					modified_at: created.created_at,
					version_id: created.version_id,
					version_number: 4,
					version_name: null,
					version_created_at: created.created_at,
					is_published: false,
					is_draft: false,
					integrations: [],
					language: 'es',
					voice: {
						id: 'd0000000-0001-4000-8000-000000000001',
						name: 'Lucía',
						provider: 'elevenlabs',
						provider_voice_id: 'lucia-es-001',
						preview_urls: null,
						gender: 'female',
						is_favourite: false,
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a name left empty (or an expression that found none): { version_name: null }, never ""', async () => {
		await run(server, { parameters: create(locator('id', IDS.supportAgent), { versionName: '' }) });
		await run(server, { parameters: create(locator('id', IDS.supportAgent), { versionName: '={{ $json.missing ?? " " }}' }) });

		expect(posts().map((r) => r.body)).toEqual([{ version_name: null }, { version_name: null }]);
	});

	test('with a name: { version_name }', async () => {
		const result = await run(server, { parameters: create(locator('id', IDS.supportAgent), { versionName: 'Black Friday' }) });

		expect(posts()[0].body).toEqual({ version_name: 'Black Friday' });
		expect(result.items[0].json).toMatchObject({ agent_id: IDS.supportAgent, version_number: 3, version_name: 'Black Friday', is_published: false });
	});
});

describe('Agent Version → Create errors', () => {
	test('404: names the agent', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: create(locator('id', missing)) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find agent ${missing} in this account` });
	});

	test('422: names the field', async () => {
		server.fault({
			method: 'POST',
			status: 422,
			body: { detail: [{ loc: ['body', 'version_name'], msg: 'String should have at most 100 characters', type: 'string_too_long' }] },
		});
		const result = await run(server, { parameters: create(locator('id', IDS.salesAgent), { versionName: 'x'.repeat(101) }) });
		expect(result.error?.message).toBe('Diga rejected these fields: Version Name (version_name): String should have at most 100 characters');
	});

	test('continue on fail: a bad agent id becomes an error item, the other version is created', async () => {
		const result = await run(server, {
			items: [{ agent: 'sales' }, { agent: IDS.nightAgent }],
			nodeSettings: { continueOnFail: true },
			parameters: create(locator('id', '={{ $json.agent }}')),
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.version_number, item.pairedItem])).toEqual([
			['Agent is not a valid ID: "sales"', { item: 0 }],
			[2, { item: 1 }],
		]);
		expect(posts()).toHaveLength(1);
	});
});
