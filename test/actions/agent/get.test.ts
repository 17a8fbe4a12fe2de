import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (resource: string, operation: string, rest: object = {}) => ({ resource, operation, ...rest }) as INodeParameters;
const queries = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

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
