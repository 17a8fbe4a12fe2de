import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (resource: string, operation: string, rest: object = {}) => ({ resource, operation, ...rest }) as INodeParameters;
const queries = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

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
