/**
 * End to end in real n8n, as a server: n8n's own MCP Server Trigger (Bearer auth, with n8n's
 * Calculator and Think tools, which need no credentials and no model) is the MCP server of a Diga
 * MCP integration. A workflow with the Diga node (Webhook → Integration → Create, type MCP, at the
 * trigger's production URL with its key → Integration Tool → Get Many → Agent → Update adding each
 * tool) connects it; the test server, as Diga, syncs the tools over MCP (initialize, tools/list:
 * dev/diga-server/mcpIntegration.ts) and its "agent" calls one (tools/call). n8n 1.64.3 has no MCP
 * Server Trigger (its @n8n/n8n-nodes-langchain has no nodes/mcp): 1.123 and 2.40 only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { IDS } from '../../dev/diga-server/fixtures';
import { openMcpSession } from '../../dev/diga-server/mcpIntegration';
import { N8n, TARGETS } from '../../dev/n8n/n8n';
import { credentials, useE2eServer, waitFor } from './fixtures';

const { server, tarball } = useE2eServer();

const MCP_KEY = 'mcp-bearer-e2e-4b7d2c91';
const MCP_SERVER = 'e2eMcpServer0001';
const CONNECT = 'e2eMcpConnect001';

/** n8n's MCP Server Trigger (Bearer auth) with two tools that run headless: Calculator and Think. */
const mcpServer = {
	id: MCP_SERVER,
	name: 'n8n tools as an MCP server',
	nodes: [
		{ id: 'mcp', name: 'MCP Server Trigger', type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2, position: [0, 0], webhookId: '5e0c1a9d-7b3f-4e21-9a6c-2d8f4b1e7c01', parameters: { authentication: 'bearerAuth', path: 'diga-tools' }, credentials: { httpBearerAuth: { id: 'mcp-bearer', name: 'MCP bearer' } } },
		{ id: 'calc', name: 'Calculator', type: '@n8n/n8n-nodes-langchain.toolCalculator', typeVersion: 1, position: [-100, 200], parameters: {} },
		{ id: 'think', name: 'Think', type: '@n8n/n8n-nodes-langchain.toolThink', typeVersion: 1.1, position: [100, 200], parameters: { description: 'Notes down what the caller said, to think it over' } },
	],
	connections: {
		Calculator: { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
		Think: { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	active: false,
};

const diga = (id: string, name: string, x: number, parameters: Record<string, unknown>) => ({
	id,
	name,
	type: 'n8n-nodes-diga.diga',
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
});
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** What a user builds: an MCP server's URL and key in, every tool of it on the support agent's draft. */
const connect = {
	id: CONNECT,
	name: 'Connect an MCP server to the support agent',
	nodes: [
		{ id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '5e0c1a9d-7b3f-4e21-9a6c-2d8f4b1e7c02', parameters: { httpMethod: 'POST', path: 'connect-mcp', responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		diga('create', 'Connect MCP server', 220, { resource: 'integration', operation: 'create', name: 'n8n tools', integrationType: 'MCP', baseUrl: '={{ $json.body.base_url }}', additionalFields: { authKey: '={{ $json.body.auth_key }}' } }),
		diga('tools', 'Its tools', 440, { resource: 'integrationTool', operation: 'getAll', integrationId: rl('={{ $json.id }}'), returnAll: true }),
		diga('assign', 'Give each to the agent', 660, {
			resource: 'agent',
			operation: 'update',
			agentId: rl(IDS.supportAgent),
			updateFields: {},
			integrationTools: { add: [{ integrationId: rl("={{ $('Connect MCP server').first().json.id }}"), toolId: rl('={{ $json.id }}') }] },
			options: {},
		}),
	],
	connections: {
		Webhook: { main: [[{ node: 'Connect MCP server', type: 'main', index: 0 }]] },
		'Connect MCP server': { main: [[{ node: 'Its tools', type: 'main', index: 0 }]] },
		'Its tools': { main: [[{ node: 'Give each to the agent', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	active: false,
};

const draftAssignments = () => {
	const draft = server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!;
	return (draft.config?.integrations ?? []) as Array<{ integration_id: string; tool_ids: string[] }>;
};

// DIGA_E2E_N8N=2 runs only n8n 2.x (as in webhookTrigger.e2e.ts).
for (const target of TARGETS.filter((t) => t.version !== '1.64.3' && t.version.startsWith(process.env.DIGA_E2E_N8N ?? ''))) {
	describe(`${target.label}: n8n's MCP Server Trigger as a Diga MCP integration`, () => {
		const n8n = new N8n(target);
		let base = '';
		let cookie = '';

		before(async () => {
			server.reset();
			await n8n.installPackage(tarball());
			await n8n.importCredentials([...credentials(server.baseUrl), { id: 'mcp-bearer', name: 'MCP bearer', type: 'httpBearerAuth', data: { token: MCP_KEY } }]);
			await n8n.importWorkflows([mcpServer, connect]);
			base = await n8n.start();
			cookie = await n8n.ownerSession(base);
			for (const id of [MCP_SERVER, CONNECT]) await n8n.setActive(base, cookie, id, true);
		});
		after(async () => await n8n.stop());

		test('Integration → Create (MCP) syncs every tool of the trigger, Agent → Update gives them to the draft, the agent calls the Calculator; a wrong key creates nothing', async () => {
			const mcpUrl = `${base}/mcp/diga-tools`;
			const run = (authKey: string) => fetch(`${base}/webhook/connect-mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ base_url: mcpUrl, auth_key: authKey }) });

			// What the trigger lists, asked directly over MCP with its key.
			// (n8n 2.40 registers an activated workflow's webhooks a moment after answering the activation.)
			const session = await waitFor('the MCP Server Trigger to answer', 30, () => openMcpSession({ base_url: mcpUrl, auth_key: MCP_KEY, headers: null }, 15_000).catch(() => undefined), 250);
			const listed = (await session.listTools()).map((tool) => tool.name).sort();
			await session.close();
			console.log(`[mcp] ${target.version} the trigger lists ${JSON.stringify(listed)}`);
			// n8n names each tool after its node.
			assert.deepEqual(listed, ['Calculator', 'Think']);

			// A wrong key: Create fails with Diga's 401, named as the MCP server's refusal; nothing is left.
			const refused = await run('not-the-key');
			assert.equal(refused.status, 500, await refused.clone().text());
			await refused.arrayBuffer();
			const [failed] = await waitFor('the failed execution', 30, async () => {
				const runs = await n8n.executions(base, cookie, CONNECT).catch(() => []);
				return runs.length ? runs : undefined;
			}, 250);
			assert.equal(failed.data.resultData.error?.message, `The MCP server at ${mcpUrl} did not accept the Auth Key or headers`);
			assert.equal(server.state.integrations.length, 0, 'no integration left');
			assert.deepEqual(draftAssignments(), []);
			assert.equal(server.requestsTo('PATCH').length, 0);

			// The right key: one integration with every tool the trigger lists, all of them on the draft.
			const connected = await run(MCP_KEY);
			const agents = (await connected.json()) as Array<{ agent_id: string; integrations: Array<{ tool_ids: string[] }> }>;
			assert.equal(connected.status, 200, JSON.stringify(agents));
			assert.equal(server.state.integrations.length, 1);
			const [integration] = server.state.integrations;
			assert.equal(integration.integration_type, 'MCP');
			assert.equal(integration.base_url, mcpUrl);
			assert.deepEqual(integration.tools.map((tool) => tool.name).sort(), listed);
			for (const tool of integration.tools) assert.ok(tool.type === 'MCP' && tool.description !== '' && tool.parameters?.type === 'object', JSON.stringify(tool));
			const toolIds = integration.tools.map((tool) => tool.id).sort();
			assert.deepEqual(draftAssignments().map((a) => ({ ...a, tool_ids: [...a.tool_ids].sort() })), [{ integration_id: integration.id, integration_name: 'n8n tools', tool_ids: toolIds, requires_setup: false, source_integration_template_id: null }]);
			assert.deepEqual(agents.at(-1)?.integrations[0].tool_ids.sort(), toolIds);

			// The agent calls the Calculator through the trigger: n8n's real answer.
			const answered = await server.agentCallsTool(IDS.supportAgent, 'Calculator', { version: 'draft', args: { input: '(17 + 4) * 2' }, timeoutSeconds: 15 });
			console.log(`[mcp] ${target.version} calculator: ${answered.status} ${JSON.stringify(answered.body)} in ${answered.elapsedMs.toFixed(1)} ms (session opened in ${answered.handshakeMs?.toFixed(1)} ms)`);
			assert.equal(answered.status, 200);
			assert.deepEqual(answered.body, { content: [{ type: 'text', text: '42' }] });
			const toolRuns = await waitFor('the tool call’s execution', 30, async () => {
				const runs = await n8n.executions(base, cookie, MCP_SERVER).catch(() => []);
				return runs.length ? runs : undefined;
			}, 250);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			assert.equal((await n8n.executions(base, cookie, MCP_SERVER)).length, 1, 'one execution for one tool call (none for the handshake and the listing)');
			assert.equal(toolRuns.length, 1);

			// The trigger's own check: the agent's call without the key is refused, no tools/call answered.
			const keyless = await server.agentCallsTool(IDS.supportAgent, 'Calculator', { version: 'draft', args: { input: '1 + 1' }, headers: { authorization: null }, timeoutSeconds: 15 });
			assert.equal(keyless.status, 'error');
			assert.match(String(keyless.body), /authentication failed: HTTP 403/);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			assert.equal((await n8n.executions(base, cookie, MCP_SERVER)).length, 1, 'no execution for a refused call');

			// More calls, each with its own session as the test server's agent makes them: each n8n's right answer, one execution each.
			const calls = 20;
			const times = { call: [] as number[], session: [] as number[] };
			for (let i = 1; i <= calls; i++) {
				const result = await server.agentCallsTool(IDS.supportAgent, 'Calculator', { version: 'draft', args: { input: `${i} * 3` }, timeoutSeconds: 15 });
				assert.deepEqual(result.body, { content: [{ type: 'text', text: String(i * 3) }] });
				times.call.push(result.elapsedMs);
				times.session.push(result.handshakeMs!);
			}
			const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
			const figure = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`;
			console.log(`[mcp] ${target.version} over ${calls} calls: tools/call ${figure(times.call)}; session opening (initialize + initialized) ${figure(times.session)}`);
			await waitFor(`${1 + calls} executions`, 30, async () => ((await n8n.executionList(base, cookie, MCP_SERVER, 100)).length >= 1 + calls ? true : undefined), 250);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			assert.equal((await n8n.executionList(base, cookie, MCP_SERVER, 100)).length, 1 + calls, 'one execution per tool call');
		});
	});
}
