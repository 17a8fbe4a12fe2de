import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const params = (rest: IDataObject = {}) => ({ resource: 'integration', operation: 'getAll', ...rest }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

describe('Integration → Get Many', () => {
	test('every integration, newest first, secrets left out', async () => {
		const result = await run(server, { parameters: params({ returnAll: true }) });
		expect(calls()).toEqual(['GET /v1/integration limit=100']);
		expect(result.items.map((item) => [item.json.name, item.json.integration_type, item.json.headers])).toEqual([
			['Calendar', 'MCP', null],
			['Orders', 'HTTP', { 'X-Tenant-Secret': '[redacted]' }],
		]);
		expect(producedText(result)).not.toMatch(/orders-key|tenant-secret/);
	});

	test('Type filter: Diga’s integration_type; Limit 1 asks for 1', async () => {
		const result = await run(server, { parameters: params({ returnAll: false, limit: 1, filters: { integrationType: 'HTTP' } }) });
		expect(calls()).toEqual(['GET /v1/integration integration_type=HTTP&limit=1']);
		expect(result.items.map((item) => item.json.id)).toEqual([INTEGRATION_IDS.orders]);
	});

	test('Name filter (how to check after a lost Create): the exact name, any case, read from every page', async () => {
		server.state.integrations.push(...Array.from({ length: 120 }, (_, i) => ({ ...seedIntegrations()[1], id: `1f000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Other ${i}` })));
		const result = await run(server, { parameters: params({ returnAll: false, limit: 5, filters: { name: ' orders ' } }) });
		expect(calls()).toEqual(['GET /v1/integration limit=100', `GET /v1/integration limit=100&after=${server.state.integrations[22].id}`]);
		expect(result.items.map((item) => item.json.id)).toEqual([INTEGRATION_IDS.orders]);
	});
});
