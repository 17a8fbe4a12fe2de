import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const remove = (agentId: string, versionId: string) => ({ resource: 'agentVersion', operation: 'delete', agentId: locator('list', agentId), versionId: locator('list', versionId) }) as INodeParameters;
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

describe('Agent Version → Delete', () => {
	test('an old version: DELETE /v1/agent/{id}/version/{version_id}, output { agent_id, version_id, deleted: true }', async () => {
		const result = await run(server, { parameters: remove(IDS.salesAgent, IDS.salesV1) });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path])).toEqual([['DELETE', `/v1/agent/${IDS.salesAgent}/version/${IDS.salesV1}`]]);
		expect(result.items).toEqual([{ json: { agent_id: IDS.salesAgent, version_id: IDS.salesV1, deleted: true }, pairedItem: { item: 0 } }]);
		expect(server.state.agents[0].versions.map((v) => v.version_id)).toEqual([IDS.salesV2, IDS.salesV3]);
	});

	test.each([
		['the published version', IDS.salesV3],
		['a version of another agent (Diga: not found)', IDS.supportV1],
	])('%s: Diga refuses, said so', async (_name, versionId) => {
		const result = await run(server, { parameters: remove(IDS.salesAgent, versionId) });
		expect(errorOf(result)?.message).toBe(
			versionId === IDS.salesV3
				? `Diga refuses to delete version ${IDS.salesV3} of agent ${IDS.salesAgent}: it is the published version or the draft`
				: `Diga could not find version ${IDS.supportV1} of agent ${IDS.salesAgent}`,
		);
		expect(server.state.agents[0].versions).toHaveLength(3);
	});

	test('a bad version ID from an expression: refused before any request', async () => {
		const result = await run(server, { parameters: { ...remove(IDS.salesAgent, ''), versionId: '={{ "v1" }}' } });
		expect(errorOf(result)?.message).toBe('Agent Version is not a valid ID: "v1"');
		expect(server.requests).toEqual([]);
	});

	test('the answer is lost (reset after Diga deleted it): sent again, Diga’s 404 means the first did it', async () => {
		server.fault({ kind: 'reset', afterActing: true, method: 'DELETE' });
		const result = await run(server, { parameters: remove(IDS.salesAgent, IDS.salesV2) });
		expect(server.requestsTo('DELETE')).toHaveLength(2);
		expect(result.items[0].json).toEqual({ agent_id: IDS.salesAgent, version_id: IDS.salesV2, deleted: true });
	});
});
