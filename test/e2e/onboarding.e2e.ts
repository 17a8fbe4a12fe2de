/**
 * End to end in real n8n, headless: the onboarding example (a new client → agent from a template,
 * knowledge, imported number, published version, test call; undone on failure) and the live-call
 * alert, each run with `n8n execute` against the Diga-compatible server, for each release in TARGETS.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { makeCall } from '../../dev/diga-server/fixtures';
import { TEMPLATE_IDS } from '../../dev/diga-server/onboardingFixtures';
import { specSummary, violationReport } from '../../dev/diga-server/specCheck';
import { N8n, nodeOutput, TARGETS } from '../../dev/n8n/n8n';
import { credentials, EXAMPLE_IDS, exampleWorkflows, pack } from './fixtures';

const server = new DigaTestServer();
/** The chat webhook the alert posts to: every body it got. */
const chat = { url: '', posts: [] as unknown[] };
const chatServer = createServer((req, res) => {
	let text = '';
	req.on('data', (chunk: Buffer) => (text += chunk.toString()));
	req.on('end', () => {
		chat.posts.push(JSON.parse(text));
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
});
let tarball = '';

before(async () => {
	await server.start();
	await new Promise<void>((resolve) => chatServer.listen(0, '127.0.0.1', resolve));
	chat.url = `http://127.0.0.1:${(chatServer.address() as AddressInfo).port}/chat`;
	tarball = pack();
});
after(async () => {
	await server.stop();
	await new Promise((resolve) => chatServer.close(resolve));
	const violations = server.spec.takeViolations();
	console.log(specSummary(server.spec.counts));
	assert.equal(violationReport(violations), undefined);
});

interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
}

const example = (file: string) => exampleWorkflows().find((w) => (w as WorkflowJson).id === EXAMPLE_IDS[file]) as WorkflowJson;

/** A client the webhook would bring, set by hand: `n8n execute` cannot start from a webhook. */
const CLIENT = { company: 'Acme Dental', hours: '9–18', faq: 'Abrimos de lunes a viernes. Aparcamiento gratuito.', phone_number: '+34910000777', test_number: '+34612345678' };

/** The onboarding example, its webhook swapped for a Manual Trigger of the same name and Client for this client (its Diga nodes as shipped). */
function onboardNow(id: string, client: Record<string, string>): object {
	const shipped = example('onboard-client.json');
	const assignments = Object.entries(client).map(([name, value]) => ({ id: name, name, value, type: 'string' }));
	return {
		...shipped,
		id,
		name: `${shipped.name} (${id})`,
		nodes: shipped.nodes.map((node) => {
			if (node.name === 'New client') return { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
			if (node.name === 'Client') return { ...node, parameters: { assignments: { assignments }, options: {} } };
			return node;
		}),
	};
}

/** The alert example, its schedule swapped for a Manual Trigger and its chat URL for the test's. */
function alertNow(): object {
	const shipped = example('live-call-alert.json');
	return {
		...shipped,
		id: 'exLiveAlertNow01',
		nodes: shipped.nodes.map((node) => {
			if (node.name === 'Every 5 minutes') return { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
			if (node.name === 'Post alert') return { ...node, parameters: { ...node.parameters, url: chat.url } };
			return node;
		}),
	};
}

const writes = () => server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`);
const newAgents = () => server.state.agents.filter((a) => a.name === 'Acme Dental reception');
const faqBases = () => server.state.knowledgeBases.filter((b) => b.name === 'Acme Dental FAQ');
const importedPhone = () => server.state.phones.find((p) => p.number === CLIENT.phone_number);

/** What the clean-up sends after a failure at a step, in order (each step's phone look-ups are reads). */
const CLEAN_UP_FROM_PUBLISHED = ['PATCH /v1/agent/{id}/published_version', 'DELETE /v1/phone/{id}', 'DELETE /v1/knowledge/base/{id}', 'DELETE /v1/agent/{id}'];

for (const target of TARGETS) {
	describe(target.label, () => {
		const n8n = new N8n(target);

		before(async () => {
			await n8n.installPackage(tarball);
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows([
				onboardNow('exOnboardNow0001', CLIENT),
				// Diga calls Spanish numbers only: the test call fails after everything was made and published.
				onboardNow('exOnboardFail001', { ...CLIENT, test_number: '+447700900123' }),
				// Not a number: the import fails after the agent and its knowledge were made.
				onboardNow('exOnboardFail002', { ...CLIENT, phone_number: 'Acme main line' }),
				alertNow(),
			]);
		});
		after(async () => await n8n.stop());

		test('example: onboard a client: agent from the template, FAQ synced and given to it, number imported, version published on it, test call placed', async () => {
			server.reset();
			const { code, run } = await n8n.execute('exOnboardNow0001');

			assert.equal(code, 0);
			const [agent] = newAgents();
			const [base] = faqBases();
			const phone = importedPhone();
			assert.ok(agent && base && phone, 'agent, knowledge base and phone made');
			assert.equal(server.requests[0].path, `/v1/agent/template/${TEMPLATE_IDS.clinicReception}`);
			assert.deepEqual(server.requestsTo('POST', '/v1/agent/template/')[0].body, { agent_name: 'Acme Dental reception', variables: { company: 'Acme Dental', hours: '9–18' } });
			assert.deepEqual(writes().filter((w) => !w.startsWith('POST /v1/knowledge/item') && !w.startsWith('DELETE /v1/knowledge/item')), [
				'POST /v1/agent/template/{id}/copy',
				'POST /v1/knowledge/base/',
				'PATCH /v1/agent/{id}',
				'POST /v1/phone/import',
				'POST /v1/agent/{id}/version',
				'PATCH /v1/agent/{id}/published_version',
				'POST /v1/call/',
			]);
			assert.deepEqual(server.state.knowledgeItems.filter((i) => i.knowledge_base_id === base.id).map((i) => [i.name, i.content]), [['FAQ', CLIENT.faq]]);
			const published = agent.versions.find((v) => v.is_published)!;
			assert.deepEqual(published.config?.knowledge_base_ids, [base.id]);
			assert.equal(String(published.config?.prompt), 'Eres la recepción de Acme Dental. Horario: 9–18.');
			assert.deepEqual([phone.inbound_agent_id, phone.outbound_agent_id], [agent.agent_id, agent.agent_id]);
			const call = server.state.calls.at(-1)!;
			assert.deepEqual([call.phone_register_id, call.contact.identifier, call.agent_version_id], [phone.id, CLIENT.test_number, published.version_id]);
			assert.deepEqual(nodeOutput(run, 'Onboarded').map((item) => item.json), [
				{ company: 'Acme Dental', agent_id: agent.agent_id, phone_id: phone.id, version_id: published.version_id, test_call_id: call.id },
			]);
			assert.deepEqual(nodeOutput(run, 'Rolled back'), []);
		});

		test('example: onboard a client, the test call fails: unpublished, number released, knowledge base and agent deleted', async () => {
			server.reset();
			const { code, run } = await n8n.execute('exOnboardFail001');

			assert.equal(code, 0);
			const sent = writes();
			assert.deepEqual(sent.slice(sent.indexOf('POST /v1/call/')), ['POST /v1/call/', ...CLEAN_UP_FROM_PUBLISHED]);
			const failed = run.data.resultData.runData['Test call'][0].data?.main?.[1] ?? [];
			assert.match(String(failed[0]?.json.error), /\+447700900123/);
			assert.deepEqual(server.requestsTo('PATCH').at(-1)?.body, { version_id: null });
			assert.deepEqual(server.requestsTo('DELETE', '/v1/knowledge/base/')[0].query, { force: 'true' });
			// An imported number is gone from Diga once released.
			assert.deepEqual([newAgents(), faqBases(), importedPhone()], [[], [], undefined]);
			assert.deepEqual(nodeOutput(run, 'Rolled back').map((item) => item.json), [{ company: 'Acme Dental', status: 'rolled back', agent_deleted: true }]);
		});

		test('example: onboard a client, the number cannot be imported: knowledge base and agent deleted, nothing to unpublish or release', async () => {
			server.reset();
			const { code, run } = await n8n.execute('exOnboardFail002');

			assert.equal(code, 0);
			const sent = writes();
			assert.deepEqual(sent.slice(sent.indexOf('POST /v1/phone/import')), ['POST /v1/phone/import', 'DELETE /v1/knowledge/base/{id}', 'DELETE /v1/agent/{id}']);
			assert.deepEqual([newAgents(), faqBases(), importedPhone()], [[], [], undefined]);
			assert.deepEqual(nodeOutput(run, 'Rolled back').map((item) => item.json.agent_deleted), [true]);
		});

		test('example: live-call alert: 9 of 10 calls live posts a message; 1 of 10 posts nothing', async () => {
			server.reset();
			chat.posts = [];
			server.state.maxConcurrentCalls = 10;
			for (let i = 0; i < 8; i++) server.state.calls.push(makeCall(`e7000000-0000-4000-8000-00000000000${i}`, new Date().toISOString(), { status: 'in_progress' }));
			const busy = await n8n.execute('exLiveAlertNow01');

			assert.equal(busy.code, 0);
			assert.deepEqual(nodeOutput(busy.run, 'Live calls').map((item) => item.json), [{ active_calls: 9, max_concurrent_calls: 10, percent_of_limit: 90 }]);
			assert.deepEqual(chat.posts, [{ text: 'Diga: 9 of 10 calls live (90 %). Hold new campaigns.' }]);
			// Read once and closed: one request to the stream, no more.
			assert.equal(server.requests.filter((r) => r.path === '/v1/call/concurrency/stream').length, 1);

			server.reset();
			chat.posts = [];
			const quiet = await n8n.execute('exLiveAlertNow01');
			assert.equal(quiet.code, 0);
			assert.deepEqual(nodeOutput(quiet.run, 'Live calls').map((item) => item.json.active_calls), [1]);
			assert.deepEqual(chat.posts, []);
		});
	});
}
