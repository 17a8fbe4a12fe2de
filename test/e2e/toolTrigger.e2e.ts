/**
 * End to end in real n8n, as a server: the two Diga Agent Tool Trigger examples (an order's status;
 * a callback booked) activated in a running n8n put their integration, tool and assignment on the
 * support agent's draft in the test server, whose "agent" then calls each tool exactly as its
 * definition says (dev/diga-server/toolCalls.ts). Diga's integrations and the draft are checked
 * after each step. The round trip of a tool call is measured against a bare n8n Webhook → Respond to
 * Webhook workflow in the same n8n, and printed ("[tool-trigger] …"); only the 0 requests to Diga
 * per call are asserted, timings only generously (CI machines are slow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { IDS } from '../../dev/diga-server/fixtures';
import type { ToolCallResult } from '../../dev/diga-server/toolCalls';
import { sendToolCall } from '../../dev/diga-server/toolCalls';
import { N8n, nodeOutput, TARGETS } from '../../dev/n8n/n8n';
import { PROOF_HEADER } from '../../nodes/Diga/trigger/toolSecret';
import { credentials, EXAMPLE_IDS, exampleWorkflows, useE2eServer, waitFor } from './fixtures';

const { server, tarball } = useE2eServer();

const ORDER = EXAMPLE_IDS['order-status-tool.json'];
const CALLBACK = EXAMPLE_IDS['callback-booking-tool.json'];
const BARE = 'e2eBareWebhook01';
/** The bare n8n way, for comparison: Webhook → Respond to Webhook, answering a sentence like the order example. */
const bareWebhook = {
	id: BARE,
	name: 'Bare webhook (round-trip baseline)',
	nodes: [
		{ id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '2c1e7d7a-90c4-4d55-8a3b-6c2f0e1d9b01', parameters: { httpMethod: 'POST', path: 'bare-order-status', responseMode: 'responseNode', options: {} } },
		{ id: 'respond', name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [260, 0], parameters: { respondWith: 'json', responseBody: '={ "answer": "Order {{ $json.body.order_number }} was shipped on Tuesday." }', options: {} } },
	],
	connections: { Webhook: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
};

const LAST_NODE = 'e2eLastNodeHook1';
/** n8n's Webhook answering from its last node, as the tool trigger does: Webhook → Set. */
const lastNodeWebhook = {
	id: LAST_NODE,
	name: 'Webhook answering from its last node (round-trip baseline)',
	nodes: [
		{ id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '2c1e7d7a-90c4-4d55-8a3b-6c2f0e1d9b02', parameters: { httpMethod: 'POST', path: 'last-node-order-status', responseMode: 'lastNode', options: {} } },
		{ id: 'set', name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [260, 0], parameters: { mode: 'manual', assignments: { assignments: [{ id: 'a', name: 'answer', value: '=Order {{ $json.body.order_number }} was shipped on Tuesday.', type: 'string' }] }, options: {} } },
	],
	connections: { Webhook: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
};

type WorkflowJson = { id: string; name: string; nodes: Array<Record<string, unknown> & { name: string; parameters: Record<string, unknown> }>; connections: Record<string, unknown> };
const example = (id: string) => structuredClone(exampleWorkflows().find((w) => (w as { id: string }).id === id)) as WorkflowJson;
/** A tool workflow made from the order example: its trigger with a new tool name and webhook id, then `nodes`. */
function toolVariant(id: string, toolName: string, webhookId: string, respondWith: string, nodes: WorkflowJson['nodes']): WorkflowJson {
	const trigger = example(ORDER).nodes.find((node) => node.type === 'n8n-nodes-diga.digaToolTrigger')!;
	const connected = [trigger, ...nodes];
	const connections = Object.fromEntries(connected.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: connected[i + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name: toolName, nodes: [{ ...trigger, webhookId, parameters: { ...trigger.parameters, toolName, respondWith } }, ...nodes], connections, ...{ settings: { executionOrder: 'v1' }, active: false } };
}
const FAST = 'e2eOrderFast0001';
/** The order example answering through the Diga Agent Tool Answer node, for the round trip. */
const orderFast = () => {
	const lookUp = example(ORDER).nodes.find((node) => node.name === 'Look up order')!;
	const answer = { id: 'answer-node', name: 'Answer the Agent', type: 'n8n-nodes-diga.digaToolAnswer', typeVersion: 1, position: [520, 0], parameters: { answerWith: 'firstIncomingItem' } };
	return toolVariant(FAST, 'order_status_fast', '9b1f0c52-4d2e-4c1a-8f3e-6a7d5e2b1c03', 'answerNode', [lookUp, answer]);
};
const FAILING = 'e2eToolFails0001';
const LEAK = 'db-password-hunter2';
/** A tool whose workflow fails, with a secret-looking text in its error. */
const failing = () =>
	toolVariant(FAILING, 'always_fails', '9b1f0c52-4d2e-4c1a-8f3e-6a7d5e2b1c04', 'firstEntryJson', [
		{ id: 'fail', name: 'Fail', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, position: [260, 0], parameters: { errorMessage: `The database refused ${LEAK}` } },
	]);

const STOP = (name: string) => ({ id: name.toLowerCase().replace(/\W/g, '-'), name, type: 'n8n-nodes-base.stopAndError', typeVersion: 1, position: [520, 0], parameters: { errorMessage: `The database refused ${LEAK}` } });
const ANSWER = { id: 'answer-node', name: 'Answer the Agent', type: 'n8n-nodes-diga.digaToolAnswer', typeVersion: 1, position: [780, 0], parameters: { answerWith: 'firstIncomingItem' } };
const FAILS_NO_ANSWER = 'e2eToolFails0002';
const FAILS_BEFORE_ANSWER = 'e2eToolFails0003';
const FAILS_TO_SENTENCE = 'e2eToolFails0004';
const SORRY = 'Sorry, I cannot look that up right now. Please try again later.';
/**
 * Respond With the Answer node: none in the workflow (activation is refused); the workflow fails before
 * its Answer node (one after the failing node, which stops the run); and the way docs/tool-trigger.md advises, the failing node's error
 * output (On Error: Continue (using error output)) to an Answer node with a sentence.
 */
const failingAnswered = () => {
	const lookUp = example(ORDER).nodes.find((node) => node.name === 'Look up order')!;
	// A node that fails into its error output (n8n routes there the error items of a node that handles "continue"; Stop and Error just throws).
	const request = { id: 'request', name: 'Fail', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [520, 0], onError: 'continueErrorOutput', parameters: { url: `http://127.0.0.1:9/orders?key=${LEAK}`, options: { timeout: 2000 } } };
	const toSentence = toolVariant(FAILS_TO_SENTENCE, 'fails_to_sentence', '9b1f0c52-4d2e-4c1a-8f3e-6a7d5e2b1c07', 'answerNode', [lookUp, request]);
	toSentence.nodes.push({ ...ANSWER, name: 'Say sorry', parameters: { answerWith: 'sentence', sentence: SORRY } });
	toSentence.connections.Fail = { main: [[], [{ node: 'Say sorry', type: 'main', index: 0 }]] };
	return [
		toolVariant(FAILS_NO_ANSWER, 'fails_answer_mode', '9b1f0c52-4d2e-4c1a-8f3e-6a7d5e2b1c05', 'answerNode', [STOP('Fail')]),
		toolVariant(FAILS_BEFORE_ANSWER, 'fails_before_answer', '9b1f0c52-4d2e-4c1a-8f3e-6a7d5e2b1c06', 'answerNode', [lookUp, STOP('Fail'), ANSWER]),
		toSentence,
	];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const writes = (from: number) => server.requests.slice(from).filter((r) => r.method !== 'GET');
const draftAssignments = () => {
	const draft = server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!;
	return (draft.config?.integrations ?? []) as Array<{ integration_id: string; tool_ids: string[] }>;
};
const ourTools = () => server.state.integrations.flatMap((i) => i.tools.map((t) => ({ base_url: i.base_url, tool: t.name })));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ask = (toolName: string, args: Record<string, unknown>, headers?: Record<string, string | null>) =>
	server.agentCallsTool(IDS.supportAgent, toolName, { version: 'draft', args, headers });

for (const target of TARGETS) {
	describe(`${target.label}: the Diga Agent Tool Trigger, activated in a running n8n`, () => {
		const n8n = new N8n(target);
		let base = '';
		let cookie = '';
		const executions = async (workflowId: string) => await n8n.executions(base, cookie, workflowId);
		/** Waits for `count` finished executions of the workflow, then a little for any extra one. */
		const settledExecutions = async (workflowId: string, count: number) => {
			await waitFor(`${count} execution(s) of ${workflowId}`, 30, async () => ((await executions(workflowId).catch(() => [])).length >= count ? true : undefined), 250);
			await sleep(1000);
			return await executions(workflowId);
		};

		/**
		 * Why n8n refused to activate the workflow: the activate call's error (1.x), or what n8n 2.40 shows the
		 * user once its publication (done in the background since `N8N_USE_WORKFLOW_PUBLICATION_SERVICE`) failed.
		 */
		const refusedActivation = async (workflowId: string) => {
			const rejected = await n8n.setActive(base, cookie, workflowId, true).then(() => undefined, (error: Error) => error.message);
			return (
				rejected ??
				(await waitFor('the publication to fail', 30, async () => {
					const response = await fetch(`${base}/rest/workflows/${workflowId}/publication-status`, { headers: { cookie } });
					const { data } = (await response.json()) as { data?: { status: string; triggers: Array<{ errorMessage?: string }> } };
					return data?.status === 'failed' ? data.triggers.map((t) => t.errorMessage).join('; ') : undefined;
				}, 250))
			);
		};

		before(async () => {
			server.reset();
			await n8n.installPackage(tarball());
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows([...exampleWorkflows().filter((w) => [ORDER, CALLBACK].includes((w as { id: string }).id)), bareWebhook, lastNodeWebhook, orderFast(), failing(), ...failingAnswered()]);
			base = await n8n.start();
			cookie = await n8n.ownerSession(base);
		});
		after(async () => await n8n.stop());

		test('activate, the agent calls both tools, calls without the secret, round trips against a bare Webhook, restart, deactivate: nothing left', async () => {
			// Activate: one integration and one tool each, both on the support agent's draft.
			// Respond With the Answer node and none in the workflow: n8n refuses to activate it, with the node's words; nothing made in Diga.
			assert.match(await refusedActivation(FAILS_NO_ANSWER), /No Diga Agent Tool Answer node after this trigger/);
			assert.deepEqual(server.requests.filter((r) => r.method !== 'GET'), []);
			for (const id of [ORDER, CALLBACK, BARE, LAST_NODE, FAST, FAILING, FAILS_BEFORE_ANSWER, FAILS_TO_SENTENCE]) await n8n.setActive(base, cookie, id, true);
			await waitFor('the six tools on the draft', 30, () => (draftAssignments().length === 6 ? true : undefined), 250);
			assert.deepEqual(ourTools().map((t) => t.tool).sort(), ['always_fails', 'book_callback', 'fails_before_answer', 'fails_to_sentence', 'order_status', 'order_status_fast']);
			for (const { base_url } of ourTools()) assert.match(base_url, new RegExp(`^http://127\\.0\\.0\\.1:${n8n.port}/webhook/[0-9a-f-]{36}$`));
			assert.deepEqual(
				draftAssignments().map((a) => a.tool_ids.length),
				[1, 1, 1, 1, 1, 1],
			);

			// The agent calls the order tool: one execution, the answer the workflow built, within the tool's timeout.
			const shipped = await ask('order_status', { order_number: 1042 });
			assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
			assert.deepEqual(shipped.body, { answer: 'Order 1042 was shipped on Tuesday and arrives tomorrow before 2 pm.' });
			assert.ok(shipped.elapsedMs < 5000, `answered in ${shipped.elapsedMs} ms`);
			const unknown = await ask('order_status', { order_number: 999 });
			assert.deepEqual(unknown.body, { answer: 'I could not find order 999. Could you read me the number again?' });
			const runs = await settledExecutions(ORDER, 2);
			assert.equal(runs.length, 2);
			assert.deepEqual(nodeOutput(runs[1], 'Caller asks about an order')[0].json.order_number, 1042);

			const booked = await ask('book_callback', { phone_number: '+34 611 22 33 44', day: 'Monday', time: '10:30', name: 'Ana' });
			assert.deepEqual(booked.body, { answer: 'Done, Ana: we will call you back on +34611223344, Monday at 10:30.' });
			assert.equal((await settledExecutions(CALLBACK, 1)).length, 1);

			// Answered by the Diga Agent Tool Answer node; a failing workflow: a short sentence, nothing of the error.
			assert.deepEqual((await ask('order_status_fast', { order_number: 1043 })).body, { answer: 'Order 1043 is being packed and leaves our warehouse today.' });
			const failed = await ask('always_fails', { order_number: 1 });
			console.log(`[tool-trigger] ${target.version} a failing workflow answers ${failed.status} ${JSON.stringify(failed.body)}`);
			assert.equal(failed.status, 500);
			assert.ok(!JSON.stringify(failed.body).includes(LEAK) && !/at \w+ \(/.test(JSON.stringify(failed.body)), JSON.stringify(failed.body));
			// With Respond With: the Answer node, which the failing workflow never reaches: n8n answers when the execution has ended (not at the
			// tool's timeout), nothing of the error. 1.64 and 2.40: 500 "Error in workflow"; 1.123 first resolves the answer the Answer node
			// would have sent as empty (ActiveExecutions.resolveExecutionResponsePromise), so: 200 with no body (docs/tool-trigger.md).
			{
				const [id, toolName] = [FAILS_BEFORE_ANSWER, 'fails_before_answer'];
				const answered = await ask(toolName, { order_number: 1042 });
				console.log(`[tool-trigger] ${target.version} ${toolName} answers ${answered.status} ${JSON.stringify(answered.body)} in ${answered.elapsedMs.toFixed(0)} ms`);
				if (target.version === '1.123.81') assert.deepEqual([answered.status, answered.body], [200, undefined]);
				else assert.deepEqual([answered.status, answered.body], [500, { message: 'Error in workflow' }]);
				assert.ok(answered.elapsedMs < 4000, `answered in ${answered.elapsedMs} ms, the tool's timeout is 5 s`);
				const [run, ...more] = await settledExecutions(id, 1);
				assert.equal(more.length, 0, 'one execution');
				assert.match(JSON.stringify(run.data.resultData.error ?? {}), new RegExp(LEAK), 'the error stays in the execution');
			}
			// The failing node's error output to an Answer node with a sentence: the agent gets the sentence, on every release.
			const sorry = await ask('fails_to_sentence', { order_number: 1042 });
			assert.deepEqual([sorry.status, sorry.body], [200, { answer: SORRY }]);
			assert.equal((await settledExecutions(FAILS_TO_SENTENCE, 1)).length, 1);

			// Without the secret, or with a wrong one: 401 and no execution.
			for (const proof of [null, 'a-wrong-secret']) {
				const refused = await ask('order_status', { order_number: 1042 }, { [PROOF_HEADER]: proof });
				assert.equal(refused.status, 401, `${proof}: ${JSON.stringify(refused.body)}`);
			}
			await sleep(1000);
			assert.equal((await executions(ORDER)).length, 2, 'no execution for a refused call');

			// Round trips: the tool (trigger → Set) against the bare Webhook → Respond to Webhook, alternating.
			const [orderIntegration] = server.state.integrations.filter((i) => i.tools.some((t) => t.name === 'order_status'));
			const toolId = orderIntegration.tools[0].id;
			const bareUrl = `${base}/webhook/bare-order-status`;
			const bare = () => sendToolCall({ method: 'POST', url: bareUrl, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order_number: 1042 }) }, 5);
			const tool = () => server.callTool(orderIntegration.id, toolId, { args: { order_number: 1042 } });
			const [fastIntegration] = server.state.integrations.filter((i) => i.tools.some((t) => t.name === 'order_status_fast'));
			const fast = () => server.callTool(fastIntegration.id, fastIntegration.tools[0].id, { args: { order_number: 1042 } });
			const lastNode = () => sendToolCall({ method: 'POST', url: `${base}/webhook/last-node-order-status`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order_number: 1042 }) }, 5);
			const rounds = Number(process.env.DIGA_E2E_ROUNDS ?? 60);
			for (let i = 0; i < 5; i++) for (const send of [tool, fast, bare, lastNode]) assert.equal((await send()).status, 200);
			const times = { tool: [] as number[], fast: [] as number[], bare: [] as number[], lastNode: [] as number[] };
			const from = server.requests.length;
			for (let i = 0; i < rounds; i++) {
				const kinds: Array<[keyof typeof times, () => Promise<ToolCallResult>]> = [['tool', tool], ['fast', fast], ['bare', bare], ['lastNode', lastNode]];
				for (const [kind, send] of i % 2 ? kinds.reverse() : kinds) {
					const result = await send();
					assert.equal(result.status, 200);
					times[kind].push(result.elapsedMs);
				}
			}
			assert.equal(server.requests.length - from, 0, 'requests to Diga while answering tool calls');
			const figure = (kind: keyof typeof times) => `p50 ${percentile(times[kind], 50).toFixed(1)} ms, p99 ${percentile(times[kind], 99).toFixed(1)} ms`;
			const ratio = (kind: keyof typeof times, p: number) => (percentile(times[kind], p) / percentile(times.bare, p)).toFixed(2);
			console.log(
				`[tool-trigger] ${target.version} round trip over ${rounds} calls each: ` +
					`tool, trigger → Set → Answer node ${figure('fast')} (×${ratio('fast', 50)} / ×${ratio('fast', 99)} of bare); ` +
					`tool, trigger → Set, last node ${figure('tool')} (×${ratio('tool', 50)} / ×${ratio('tool', 99)}); ` +
					`bare Webhook → Respond to Webhook ${figure('bare')}; Webhook → Set, last node ${figure('lastNode')}; Diga requests per call 0`,
			);

			// Restart on the same port: the same integrations found (nothing written), still answered.
			const ids = server.state.integrations.map((i) => i.id).sort();
			await n8n.stopServer();
			const restartFrom = server.requests.length;
			base = await n8n.start(true);
			const again = await waitFor('the tool to answer after the restart', 30, async () => {
				const result = await ask('order_status', { order_number: 1043 });
				return result.status === 200 ? result : undefined;
			}, 250);
			assert.deepEqual(again.body, { answer: 'Order 1043 is being packed and leaves our warehouse today.' });
			assert.deepEqual(writes(restartFrom), [], 'a restart writes nothing to Diga');
			assert.deepEqual(server.state.integrations.map((i) => i.id).sort(), ids);

			// Deactivate: no integration, no tool, no assignment left.
			for (const id of [ORDER, CALLBACK, FAST, FAILING, FAILS_BEFORE_ANSWER, FAILS_TO_SENTENCE]) await n8n.setActive(base, cookie, id, false);
			await waitFor('nothing left in Diga', 30, () => (server.state.integrations.length === 0 && draftAssignments().length === 0 ? true : undefined), 250);
		});
	});
}
