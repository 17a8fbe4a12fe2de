/**
 * End to end in real n8n, headless: the packed package installed as n8n installs community
 * packages, the example workflows imported and executed with `n8n execute`, against the
 * Diga-compatible server. Runs for each release in TARGETS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { specSummary, violationReport } from '../../dev/diga-server/specCheck';
import { IDS } from '../../dev/diga-server/fixtures';
import { credentials, e2eWorkflows, EXAMPLE_IDS, exampleWorkflows, pack } from './fixtures';
import { N8n, nodeOutput, TARGETS } from '../../dev/n8n/n8n';

const server = new DigaTestServer();
let tarball = '';

before(async () => {
	await server.start();
	tarball = pack();
});
after(async () => {
	await server.stop();
	// Every request n8n sent, and every answer it got, judged by Diga's OpenAPI spec.
	const violations = server.spec.takeViolations();
	console.log(specSummary(server.spec.counts));
	assert.equal(violationReport(violations), undefined);
});

const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());

for (const target of TARGETS) {
	describe(target.label, () => {
		const n8n = new N8n(target);

		before(async () => {
			await n8n.installPackage(tarball);
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows([...exampleWorkflows(), ...e2eWorkflows()]);
		});
		after(async () => await n8n.stop());

		test('example: move every line of one agent to another agent’s published version', async () => {
			server.reset();
			const { code, run } = await n8n.execute(EXAMPLE_IDS['move-lines-to-published-version.json']);

			assert.equal(code, 0);
			assert.deepEqual(calls(), [
				`GET /v1/agent/${IDS.salesAgent} is_published=true`,
				`GET /v1/phone/ inbound_agent_id=${IDS.supportAgent}&limit=100`,
				`PATCH /v1/phone/${IDS.supportPhone}`,
				`PATCH /v1/phone/${IDS.receptionPhone}`,
			]);
			for (const request of server.requestsTo('PATCH')) {
				assert.deepEqual(request.body, { inbound_version_id: IDS.salesV3 });
				assert.equal(request.headers.authorization, `Bearer ${TEST_API_KEY}`);
			}
			const moved = nodeOutput(run, 'Move line');
			assert.deepEqual(moved.map((item) => [item.json.id, item.json.inbound_agent_id, item.pairedItem]), [
				[IDS.supportPhone, IDS.salesAgent, { item: 0 }],
				[IDS.receptionPhone, IDS.salesAgent, { item: 1 }],
			]);
		});

		test('example: release an agent version, move its lines, verify each, roll back the one that did not move', async () => {
			server.reset();
			// Diga says the support line moved, but it did not: reading it back shows the old agent.
			const stale = server.state.phones.find((phone) => phone.id === IDS.supportPhone)!;
			server.fault({ method: 'PATCH', path: new RegExp(`/v1/phone/${IDS.supportPhone}$`), status: 200, body: { ...stale, inbound_agent_id: IDS.salesAgent } });
			const { code, run } = await n8n.execute(EXAMPLE_IDS['release-agent-version.json']);

			assert.equal(code, 0);
			const sent = calls();
			// Items of one node run concurrently, so their requests are compared as sets.
			assert.deepEqual(sent.slice(0, 2), [
				`PATCH /v1/agent/${IDS.salesAgent}/published_version`,
				`GET /v1/phone/ inbound_agent_id=${IDS.supportAgent}&limit=100`,
			]);
			assert.deepEqual(sent.slice(2, 6).sort(), [
				`GET /v1/phone/${IDS.receptionPhone}`,
				`GET /v1/phone/${IDS.supportPhone}`,
				`PATCH /v1/phone/${IDS.receptionPhone}`,
				`PATCH /v1/phone/${IDS.supportPhone}`,
			]);
			assert.deepEqual(sent.slice(6, 8).sort(), [`GET /v1/phone/${IDS.receptionPhone}`, `GET /v1/phone/${IDS.supportPhone}`]);
			assert.deepEqual(sent.slice(8), [`GET /v1/agent/${IDS.supportAgent} is_published=true`, `PATCH /v1/phone/${IDS.supportPhone}`]);
			assert.deepEqual(server.requests[0].body, { version_id: IDS.salesV2 });
			assert.deepEqual(server.requestsTo('PATCH', '/v1/phone/').map((r) => [r.path, r.body]).sort(), [
				[`/v1/phone/${IDS.receptionPhone}`, { inbound_version_id: IDS.salesV2 }],
				[`/v1/phone/${IDS.supportPhone}`, { inbound_version_id: IDS.salesV2 }],
				[`/v1/phone/${IDS.supportPhone}`, { inbound_version_id: IDS.supportV1 }],
			].sort());

			const moved = nodeOutput(run, 'Move line');
			assert.deepEqual(moved.map((item) => [item.json.id, (item.json.previous as { inbound_agent_id: string }).inbound_agent_id]), [
				[IDS.supportPhone, IDS.supportAgent],
				[IDS.receptionPhone, IDS.supportAgent],
			]);
			assert.deepEqual(nodeOutput(run, 'Moved?').map((item) => item.json.id), [IDS.receptionPhone]);
			assert.deepEqual(nodeOutput(run, 'Roll line back').map((item) => [item.json.id, item.json.inbound_agent_id]), [[IDS.supportPhone, IDS.supportAgent]]);
			const agentOf = (id: string) => server.state.phones.find((phone) => phone.id === id)?.inbound_agent_id;
			assert.equal(agentOf(IDS.receptionPhone), IDS.salesAgent);
			assert.equal(agentOf(IDS.supportPhone), IDS.supportAgent);
		});

		test('example: nightly agent swap (its 18:00 Diga node, started by hand)', async () => {
			server.reset();
			const { code, run } = await n8n.execute('exNightlyNow0001');

			assert.equal(code, 0);
			assert.deepEqual(calls(), ['GET /v1/phone/ limit=100', `PATCH /v1/phone/${IDS.receptionPhone}`]);
			assert.deepEqual(server.requestsTo('PATCH')[0].body, { inbound_version_id: IDS.nightV1 });
			const [phone] = nodeOutput(run, 'Hand line to after-hours agent');
			assert.equal(phone.json.id, IDS.receptionPhone);
			assert.equal(phone.json.inbound_agent_id, IDS.nightAgent);
		});

		test('error path: a number that matches no phone fails the execution with a clear message', async () => {
			server.reset();
			const { code, stdout, stderr } = await n8n.execute('e2eUnknownNumber');

			assert.notEqual(code, 0);
			assert.match(stdout + stderr, /No phone with the number \+34999999999 in this Diga account/);
			assert.deepEqual(calls(), ['GET /v1/phone/ limit=100']);
		});

		test('error path: a wrong API key shows the 401 advice and never the key', async () => {
			server.reset();
			const { code, stdout, stderr } = await n8n.execute('e2eWrongKey00001');

			assert.notEqual(code, 0);
			assert.match(stdout + stderr, /Diga did not accept the API key/);
			assert.doesNotMatch(stdout + stderr, /diga_wrong_key_000/);
			assert.equal(server.requests[0].headers.authorization, 'Bearer diga_wrong_key_000');
		});

		test('continue on fail: one output item per input, errors as items, the rest still run', async () => {
			server.reset();
			const { code, run } = await n8n.execute('e2eContinueFail1');

			assert.equal(code, 0);
			const output = nodeOutput(run, 'Diga');
			assert.deepEqual(output.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			assert.equal(output[0].json.nickname, 'Checked');
			assert.equal(output[1].json.error, 'Phone is not a valid ID: "not-a-uuid"');
			assert.equal(output[2].json.error, 'Diga could not find phone c0000000-9999-4000-8000-000000000999 in this account');
			assert.equal(output[3].json.nickname, 'Checked');
			assert.equal(server.requestsTo('PATCH').length, 3);
			assert.doesNotMatch(JSON.stringify(run), new RegExp(TEST_API_KEY));
		});
	});
}
