import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const publish = (agentId: unknown, versionId: unknown, phones: IDataObject = {}) =>
	({ resource: 'agent', operation: 'publishVersion', agentId, versionId, phones }) as INodeParameters;
const patches = () => server.requestsTo('PATCH');
const published = (agentId: string) => server.state.agents.find((a) => a.agent_id === agentId)!.versions.filter((v) => v.is_published).map((v) => v.version_id);

describe('Agent → Publish Version', () => {
	test('the version alone: PATCH …/published_version with { version_id }, Diga’s answer as output', async () => {
		const result = await run(server, { parameters: publish(locator('list', IDS.salesAgent), locator('list', IDS.salesV2)) });

		expect(result.error).toBeUndefined();
		expect(patches().map((r) => [r.path, r.body])).toEqual([[`/v1/agent/${IDS.salesAgent}/published_version`, { version_id: IDS.salesV2 }]]);
		expect(result.items).toEqual([
			{
				json: { agent_id: IDS.salesAgent, published_version_id: IDS.salesV2, outbound_phone_number_id: null, inbound_phone_number_id: null },
				pairedItem: { item: 0 },
			},
		]);
		expect(published(IDS.salesAgent)).toEqual([IDS.salesV2]);
	});

	test('with an inbound phone by number and an outbound phone by id', async () => {
		const result = await run(server, {
			parameters: publish(locator('id', IDS.supportAgent), locator('id', IDS.supportV2), {
				inboundPhoneId: locator('number', '+34 911 23 45 68'),
				outboundPhoneId: locator('id', IDS.outboundPhone),
			}),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/phone/', `PATCH /v1/agent/${IDS.supportAgent}/published_version`]);
		expect(patches()[0].body).toEqual({
			version_id: IDS.supportV2,
			inbound_phone_number_id: IDS.salesPhone,
			outbound_phone_number_id: IDS.outboundPhone,
		});
		expect(result.items[0].json).toEqual({
			agent_id: IDS.supportAgent,
			published_version_id: IDS.supportV2,
			inbound_phone_number_id: IDS.salesPhone,
			outbound_phone_number_id: IDS.outboundPhone,
		});
	});
});

describe('Agent → Publish Version errors', () => {
	test('an empty version is refused before any request (Diga would unpublish the agent)', async () => {
		const result = await run(server, { items: [{ v: '' }], parameters: publish(locator('id', IDS.salesAgent), locator('id', '={{ $json.v }}')) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Version to Publish is empty' });
		expect(server.requests).toHaveLength(0);
	});

	test('404: names the agent', async () => {
		const missing = 'a9999999-9999-4999-8999-999999999999';
		const result = await run(server, { parameters: publish(locator('id', missing), locator('id', IDS.salesV2)) });
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: `Diga could not find agent ${missing} in this account`,
			description: `Diga says: Agent ${missing} not found | error code: AGENT_NOT_FOUND (HTTP 404)`,
		});
	});

	test('400: a version of another agent, in Diga’s words', async () => {
		const result = await run(server, { parameters: publish(locator('id', IDS.salesAgent), locator('id', IDS.nightV1)) });
		expect(result.error?.message).toBe('Diga rejected the request: Invalid phone number configuration or version');
		expect(published(IDS.salesAgent)).toEqual([IDS.salesV3]);
	});

	test('continue on fail: the bad version becomes an error item, the other agent is published', async () => {
		const result = await run(server, {
			items: [
				{ agent: IDS.salesAgent, version: IDS.nightV1 },
				{ agent: IDS.supportAgent, version: IDS.supportV2 },
			],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: publish(locator('id', '={{ $json.agent }}'), locator('id', '={{ $json.version }}')),
		});

		expect(result.items.map((item) => [item.json.error ?? item.json.published_version_id, item.pairedItem])).toEqual([
			['Diga rejected the request: Invalid phone number configuration or version', { item: 0 }],
			[IDS.supportV2, { item: 1 }],
		]);
	});
});
