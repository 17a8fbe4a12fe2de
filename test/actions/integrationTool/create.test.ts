import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import type { HttpToolRecord } from '../../../dev/diga-server/routes/integrationTool';
import { toolCallRequest } from '../../../dev/diga-server/toolCalls';
import { locator, producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const SECRET = 'x-tool-secret-value-77aa';
const parameter = (fields: IDataObject) => ({ location: 'body', dataType: 'string', required: true, source: 'llm', ...fields });
const create = (rest: IDataObject = {}) =>
	({
		resource: 'integrationTool',
		operation: 'create',
		integrationId: locator('list', INTEGRATION_IDS.orders),
		name: 'track_parcel',
		description: 'Tracks a parcel by its number',
		method: 'POST',
		endpointPath: '/parcels/{parcel}/track',
		parameters: {
			parameter: [
				parameter({ name: 'parcel', location: 'path', description: 'The parcel number' }),
				parameter({ name: 'lang', location: 'query', source: 'fixed', value: 'es', required: false }),
				parameter({ name: 'count', dataType: 'integer', source: 'fixed', value: '3' }),
				parameter({ name: 'urgent', dataType: 'boolean', description: 'Whether the caller is in a hurry' }),
				parameter({ name: 'caller', source: 'dynamic', value: '{{caller_number}}' }),
			],
		},
		additionalFields: { timeout: 8, approvalRequired: true, executionAudio: 'waiting_music', preSpeech: 'force', headers: { header: [{ name: 'X-Tool-Secret', value: SECRET }] } },
		...rest,
	}) as INodeParameters;

describe('Integration Tool → Create', () => {
	test('POST …/tool with the parameter list as Diga’s query, body and path lists, typed; the header value never comes back', async () => {
		const result = await run(server, { parameters: create() });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'POST',
				`/v1/integration/${INTEGRATION_IDS.orders}/tool`,
				{
					name: 'track_parcel',
					description: 'Tracks a parcel by its number',
					method: 'POST',
					endpoint_path: '/parcels/{parcel}/track',
					query: [{ name: 'lang', data_type: 'string', required: false, value_source: 'fixed', fixed_value: 'es' }],
					body: [
						{ name: 'count', data_type: 'integer', required: true, value_source: 'fixed', fixed_value: 3 },
						{ name: 'urgent', data_type: 'boolean', required: true, value_source: 'llm', description: 'Whether the caller is in a hurry' },
						{ name: 'caller', data_type: 'string', required: true, value_source: 'dynamic', fixed_value: '{{caller_number}}' },
					],
					path: [{ name: 'parcel', required: true, value_source: 'llm', description: 'The parcel number' }],
					headers: { 'X-Tool-Secret': SECRET },
					timeout: 8,
					approval_required: true,
					execution_audio: 'waiting_music',
					pre_speech: 'force',
				},
			],
		]);
		const created = server.state.integrations[0].tools[2];
		expect(result.items).toEqual([{ json: expect.objectContaining({ id: created.id, type: 'HTTP', name: 'track_parcel', headers: { 'X-Tool-Secret': '[redacted]' }, timeout: 8 }), pairedItem: { item: 0 } }]);
		expect(producedText(result)).not.toContain(SECRET);
	});

	test('the tool Diga stores is the one "the agent" then calls as defined', async () => {
		await run(server, { parameters: create() });
		const tool = server.state.integrations[0].tools[2] as HttpToolRecord;
		const request = toolCallRequest(server.state.integrations[0], tool, { args: { parcel: 'P 1', urgent: true }, variables: { caller_number: '+34600111222' } });
		expect(request).toMatchObject({ method: 'POST', url: 'https://orders.example.com/api/parcels/P%201/track?lang=es', body: '{"count":3,"urgent":true,"caller":"+34600111222"}' });
	});

	test.each([
		['a name with spaces', { name: 'track parcel' }, 'Tool Name must not contain spaces'],
		['a path parameter the endpoint does not have', { endpointPath: '/parcels/track' }, 'Parameters → parcel: the endpoint path has no {parcel}'],
		['a fixed whole number that is not one', { parameters: { parameter: [parameter({ name: 'count', dataType: 'integer', source: 'fixed', value: '2.5' })] } }, 'Parameters → count: the value must be a whole number'],
		['a fixed parameter without its value', { parameters: { parameter: [parameter({ name: 'lang', source: 'fixed', value: '' })] } }, 'Parameters → lang: a fixed parameter needs its Value'],
		['a parameter given twice in one place', { parameters: { parameter: [parameter({ name: 'a' }), parameter({ name: 'a' })] } }, 'Parameters → a is given twice in Body (JSON)'],
		['a body parameter on a GET', { method: 'GET', endpointPath: '/x', parameters: { parameter: [parameter({ name: 'a' })] } }, 'Parameters: a GET request has no body'],
		['an object in the query', { parameters: { parameter: [parameter({ name: 'a', location: 'query', dataType: 'object' })] } }, 'Parameters → a: Type object is not possible in Query String'],
		['a timeout of 0', { additionalFields: { timeout: 0 } }, 'Timeout (Seconds) must be a whole number of seconds, 1 or more'],
	])('%s fails before any request of the run, naming the field', async (_case, change, message) => {
		const result = await run(server, { parameters: create(change), items: [{}, {}] });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});

	test('a name the integration already has: Diga’s 409 says so; an MCP integration: its 400 says where tools come from', async () => {
		const taken = await run(server, { parameters: create({ name: 'order_status' }) });
		expect(taken.error).toMatchObject({ message: `Integration ${INTEGRATION_IDS.orders} already has a tool named "order_status"` });
		const mcp = await run(server, { parameters: create({ integrationId: locator('id', INTEGRATION_IDS.calendar) }) });
		expect(mcp.error).toMatchObject({ message: `Integration ${INTEGRATION_IDS.calendar} is an MCP integration: its tools come from its MCP server, add them there` });
	});

	test('an error answer quoting the header value shows it nowhere', async () => {
		server.fault({ method: 'POST', status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `header X-Tool-Secret=${encodeURIComponent(SECRET)} refused` } });
		const result = await run(server, { parameters: create() });
		expect(result.error).toMatchObject({ message: 'Diga rejected the request: header X-Tool-Secret=[redacted] refused' });
		expect(producedText(result)).not.toContain(SECRET);
	});

	test('a lost answer is not sent again: the error says how to check', async () => {
		server.fault({ method: 'POST', kind: 'reset', afterActing: true });
		const result = await run(server, { parameters: create() });
		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(server.state.integrations[0].tools.map((tool) => tool.name)).toContain('track_parcel');
		expect(result.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have created the tool "track_parcel"/) });
		expect(String((result.error as { description?: string }).description)).toContain(`Integration Tool → Get Many of integration ${INTEGRATION_IDS.orders}: if a tool named "track_parcel" is there`);
		expect(producedText(result)).not.toContain(SECRET);
	});
});
