import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VOICE_IDS } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const remove = (agentId: string, rest: IDataObject = {}) => ({ resource: 'agent', operation: 'delete', agentId: locator('list', agentId), ...rest }) as INodeParameters;
const deletes = () => server.requestsTo('DELETE');
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

/** An agent made through the API (v1 and a draft, nothing published): one Diga lets go of. */
async function newAgent(name = 'Temp'): Promise<string> {
	const made = await run(server, { parameters: { resource: 'agent', operation: 'create', name, voiceId: locator('id', VOICE_IDS.lucia), language: 'es' } });
	server.requests = [];
	return made.items[0].json.agent_id as string;
}

describe('Agent → Delete', () => {
	test('an agent on no phone: lists the account’s phones, then DELETE /v1/agent/{id}; { id, deleted: true }', async () => {
		const agentId = await newAgent();
		const result = await run(server, { parameters: remove(agentId) });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/v1/phone/', { limit: '100' }],
			['DELETE', `/v1/agent/${agentId}`, {}],
		]);
		expect(result.items).toEqual([{ json: { id: agentId, deleted: true }, pairedItem: { item: 0 } }]);
		expect(server.state.agents.some((a) => a.agent_id === agentId)).toBe(false);
	});

	test('an agent still on phones: refused before any DELETE, naming each phone and how it uses the agent', async () => {
		const result = await run(server, { parameters: remove(IDS.salesAgent) });
		expect(errorOf(result)?.message).toBe(`Agent ${IDS.salesAgent} is still on 2 phones: +34600111222 (Outbound campaigns) as outbound agent, +34911234568 (Sales line) as inbound agent`);
		expect(errorOf(result)?.description).toBe('Nothing was deleted. Move those phones to another agent first (Phone → Update), or turn on "Delete Even If on Phones".');
		expect(deletes()).toEqual([]);
	});

	test('with several items, one agent on a phone stops the run before any agent is deleted; the phones are listed once', async () => {
		const free = await newAgent();
		const result = await run(server, { items: [{ id: free }, { id: IDS.salesAgent.toUpperCase() }], parameters: remove('', { agentId: locator('id', '={{ $json.id }}') }) });
		expect(errorOf(result)?.message).toMatch(/^Agent a1111111-1111-4111-8111-111111111111 is still on 2 phones/);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/phone/']);
		expect(deletes()).toEqual([]);
		expect(server.state.agents.some((a) => a.agent_id === free)).toBe(true);
	});

	test('a released phone that still names the agent does not count', async () => {
		const agentId = await newAgent();
		server.state.phones.find((p) => p.id === IDS.releasedPhone)!.inbound_agent_id = agentId;
		const result = await run(server, { parameters: remove(agentId) });
		expect(result.items[0].json).toEqual({ id: agentId, deleted: true });
	});

	test('Delete Even If on Phones: deleted, and the phones it was on are listed in the output', async () => {
		const agentId = await newAgent();
		server.state.phones.find((p) => p.id === IDS.receptionPhone)!.inbound_agent_id = agentId;
		Object.assign(server.state.phones.find((p) => p.id === IDS.salesPhone)!, { inbound_agent_id: agentId, outbound_agent_id: agentId });
		const result = await run(server, { parameters: remove(agentId, { deleteEvenIfOnPhones: true }) });
		expect(result.items[0].json).toEqual({
			id: agentId,
			deleted: true,
			stillOnPhones: [
				{ id: IDS.receptionPhone, number: '+34911234567', as: 'inbound' },
				{ id: IDS.salesPhone, number: '+34911234568', as: 'inbound and outbound' },
			],
		});
		expect(deletes()).toHaveLength(1);
	});

	test('Diga refuses an agent with a published version (409): said so', async () => {
		const result = await run(server, { parameters: remove(IDS.nightAgent, { deleteEvenIfOnPhones: true }) });
		expect(errorOf(result)?.message).toBe(`Diga refuses to delete agent ${IDS.nightAgent}: it has a published version (Agent → Unpublish takes it off first)`);
	});

	test('the answer is lost (504 after Diga deleted it): sent again, Diga’s 404 means the first did it', async () => {
		const agentId = await newAgent();
		server.fault({ status: 504, afterActing: true, method: 'DELETE' });
		const result = await run(server, { parameters: remove(agentId) });
		expect(deletes()).toHaveLength(2);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id: agentId, deleted: true });
	});
});
