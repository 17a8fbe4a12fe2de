import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PROJECT_IDS } from '../../../dev/diga-server/onboardingFixtures';
import { IDS, locator, pkg, run, searchContext, useDigaServer } from '../../helpers';

const server = useDigaServer();

const duplicate = (rest: IDataObject = {}) =>
	({ resource: 'agent', operation: 'duplicate', agentId: locator('list', IDS.supportAgent), projectId: locator('list', PROJECT_IDS.clients), ...rest }) as INodeParameters;
const posts = () => server.requestsTo('POST');
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

describe('Agent → Duplicate', () => {
	test('POST /v1/agent/{id}/duplicate with the project and name; the copy (a draft) as output', async () => {
		const result = await run(server, { parameters: duplicate({ name: 'Acme support' }) });

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => [r.path, r.body])).toEqual([[`/v1/agent/${IDS.supportAgent}/duplicate`, { target_project_id: PROJECT_IDS.clients, name: 'Acme support' }]]);
		const copy = server.state.agents[3];
		expect(result.items).toEqual([{ json: expect.objectContaining({ agent_id: copy.agent_id, name: 'Acme support', is_draft: true, version_number: 1 }), pairedItem: { item: 0 } }]);
		// The support agent's draft, with its call tools, was copied.
		expect(result.items[0].json.call_tools).toHaveLength(3);
	});

	test('a source version and no name: source_version_id, no name (Diga names it "… (copy)")', async () => {
		await run(server, { parameters: duplicate({ additionalFields: { sourceVersionId: locator('id', IDS.supportV1) } }) });
		expect(posts()[0].body).toEqual({ target_project_id: PROJECT_IDS.clients, source_version_id: IDS.supportV1 });
		expect(server.state.agents[3].name).toBe('Support bot (copy)');
	});

	test('Source Version added but left empty, Name of spaces: neither is sent', async () => {
		await run(server, { parameters: duplicate({ name: '   ', additionalFields: { sourceVersionId: locator('list', '') } }) });
		expect(posts()[0].body).toEqual({ target_project_id: PROJECT_IDS.clients });
	});

	test('a project the key may not write to: Diga’s 403, named', async () => {
		const other = '71000000-0009-4000-8000-000000000009';
		const result = await run(server, { parameters: duplicate({ projectId: locator('id', other) }) });
		expect(errorOf(result)?.message).toBe(`The Diga API key may not create agents in project ${other}`);
		expect(errorOf(result)?.description).toContain('Missing required permissions in the target project');
	});

	test('a 504 after Diga copied it: sent once, "Outcome unknown"', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST' });
		const result = await run(server, { parameters: duplicate({ name: 'Acme support' }) });
		expect(posts()).toHaveLength(1);
		expect(server.state.agents).toHaveLength(4);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent copy of agent a2222222-2222-4222-8222-222222222222 "Acme support"/);
		expect(errorOf(result)?.description).toContain('an agent named "Acme support" created in the last minutes');
	});
});

describe('Agent → Duplicate: a 503 without a name to look for', () => {
	test('not sent again: "Outcome unknown", as a gateway may have passed it on', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, afterActing: true, method: 'POST' });
		const result = await run(server, { parameters: duplicate() });
		expect(posts()).toHaveLength(1);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent copy of agent a2222222-2222-4222-8222-222222222222, but its answer was lost \(HTTP 503/);
		expect(errorOf(result)?.description).toContain('without a name there is no way to look for the agent');
	});

	test('with a name: a copy of that name made just now leaves the outcome unknown, not sent again', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, afterActing: true, method: 'POST' });
		const result = await run(server, { parameters: duplicate({ name: 'Acme support' }) });
		expect(posts()).toHaveLength(1);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent/);
		expect(errorOf(result)?.description).toContain('named "Acme support" created since');
	});
});

describe('Project picker', () => {
	test('lists the projects, filtered by name', async () => {
		const context = searchContext(server, 'projectId', undefined, { resource: 'agent', operation: 'duplicate' });
		expect(await pkg.node.methods.listSearch.searchProjects.call(context, 'cli')).toEqual({ results: [{ name: 'Clients', value: PROJECT_IDS.clients }], paginationToken: undefined });
		expect((await pkg.node.methods.listSearch.searchProjects.call(context, 'nothing')).results).toEqual([]);
	});
});
