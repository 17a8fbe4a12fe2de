import type { INodeParameters } from 'n8n-workflow';

import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (resource: string, operation: string, rest: object = {}) => ({ resource, operation, ...rest }) as INodeParameters;

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
