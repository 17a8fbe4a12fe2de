/**
 * End to end in real n8n, as a server: the Diga Instant Trigger example (Call finished → Get
 * transcript → Log line) activated in a running n8n registers its webhook with the test server,
 * which delivers `status_changed` when its calls change (body and signature are the test server's
 * own, see dev/diga-server/deliveries.ts). Diga's webhook list is checked after each step.
 * Timings are printed ("[instant-trigger] …") and asserted only generously: CI machines are slow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { CALL_IDS, makeCall, pythonTime, seedMessages } from '../../dev/diga-server/fixtures';
import type { ExecutionRun } from '../../dev/n8n/n8n';
import { N8n, nodeOutput, TARGETS } from '../../dev/n8n/n8n';
import { credentials, EXAMPLE_IDS, exampleWorkflows, useE2eServer, waitFor as waitEvery } from './fixtures';

/** Checks every 250 ms: the figures are about fractions of a second. */
const waitFor = <T>(what: string, seconds: number, check: () => T | undefined | Promise<T | undefined>) => waitEvery(what, seconds, check, 250);

const { server, tarball } = useE2eServer();

const WORKFLOW_ID = EXAMPLE_IDS['call-finished-transcript.json'];
const example = () => exampleWorkflows().find((w) => (w as { id: string }).id === WORKFLOW_ID) as { nodes: Array<{ type: string; webhookId?: string }> };
const WEBHOOK_ID = example().nodes.find((node) => node.type === 'n8n-nodes-diga.digaWebhookTrigger')!.webhookId!;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const webhooks = () => server.state.webhooks.map((w) => ({ id: w.id, url: w.url, events: w.subscribed_events }));
/** Requests the trigger sends (the workflow's Get transcript reads `/message`: not the trigger's). */
const triggerRequests = (from: number) => server.requests.slice(from).filter((r) => !r.path.endsWith('/message'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let serial = 0;
/** A call going on, with a transcript ready for when it ends; its new status is delivered. */
function callGoingOn(): string {
	const id = `e7000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
	server.state.messages[id] = seedMessages()[CALL_IDS.inboundDone];
	server.addCall(makeCall(id, pythonTime(Date.now() - 30_000), { status: 'in_progress' }));
	return id;
}

for (const target of TARGETS) {
	describe(`${target.label}: the Diga Instant Trigger, activated in a running n8n`, () => {
		const n8n = new N8n(target);
		let base = '';
		let cookie = '';
		/** As the editor's Active/Publish switch does it. */
		const setActive = async (active: boolean) => await n8n.setActive(base, cookie, WORKFLOW_ID, active);
		const executions = async () => await n8n.executions(base, cookie, WORKFLOW_ID);
		const productionUrl = () => `http://127.0.0.1:${n8n.port}/webhook/${WEBHOOK_ID}/webhook`;
		const figures = { latencies: [] as number[], requests: [] as number[], answers: [] as number[] };
		const seen = new Set<string>();

		/** Finishes `ids` at once and waits for one new execution each; checks what each received and returns the new runs. */
		const finish = async (ids: string[], what: string): Promise<ExecutionRun[]> => {
			const from = server.requests.length;
			const before = (await executions()).length;
			const finished = ids.map((id) => server.setCallStatus(id, 'completed'));
			const changedAt = server.deliveries.log.filter((d) => d.kind === 'event' && ids.includes(d.callId!)).at(-1)!.changedAt;
			// Finished ones: a run still going on has no Log line yet (or, in some releases, no run data to read).
			await waitFor(`${ids.length} finished execution(s) after ${what}`, 60, async () => {
				const all = await executions().catch(() => []);
				return all.length >= before + ids.length && all.slice(0, ids.length).every((run) => nodeOutput(run, 'Log line').length) ? all : undefined;
			});
			await server.deliveries.settled();
			await sleep(1500); // anything extra would be in by now (a repeat, a second execution)
			const all = await executions();
			assert.equal(all.length, before + ids.length, `exactly one execution per event after ${what}`);
			const fresh = all.slice(0, ids.length);
			const fired = fresh.map((run) => nodeOutput(run, 'Call finished').map((item) => item.json));
			assert.deepEqual(fired.flat().sort((a, b) => String(a.id).localeCompare(String(b.id))), [...finished].sort((a, b) => a.id.localeCompare(b.id)));
			for (const run of fresh) {
				const [line] = nodeOutput(run, 'Log line');
				const call = finished.find((c) => c.id === line.json.call_id)!;
				assert.equal(line.json.log, `${call.end_time} inbound call with +34612345678 ended (user_hangup, ${call.duration} s, 4 messages)`);
				assert.equal(String(line.json.transcript).split('\n')[1], 'user: Quería cambiar mi cita del jueves.');
				assert.ok(!seen.has(call.id), `${call.id} fired twice`);
				seen.add(call.id);
				figures.latencies.push(Date.parse(run.startedAt!) - changedAt);
			}
			const sent = triggerRequests(from);
			figures.requests.push(sent.length / ids.length);
			for (const delivery of server.deliveries.log.filter((d) => ids.includes(d.callId!))) if (delivery.answeredMs !== undefined) figures.answers.push(delivery.answeredMs);
			console.log(
				`[instant-trigger] ${target.version} ${what}: execution started ${fresh.map((run) => Date.parse(run.startedAt!) - changedAt).join(', ')} ms after the change; ` +
					`trigger requests ${sent.length} (${sent.map((r) => `${r.method} ${r.path}`).join(', ')})`,
			);
			return fresh;
		};

		before(async () => {
			server.reset();
			await n8n.installPackage(tarball());
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows(exampleWorkflows().filter((w) => (w as { id: string }).id === WORKFLOW_ID));
			base = await n8n.start();
			cookie = await n8n.ownerSession(base);
		});
		after(async () => await n8n.stop());

		test('activate, calls end, a repeated delivery, restart, forged deliveries, idle, deactivate: one execution per finished call, no webhook left', async () => {
			const t0 = Date.now();
			const [a, b, c, d, e, f] = [callGoingOn(), callGoingOn(), callGoingOn(), callGoingOn(), callGoingOn(), callGoingOn()];
			// n8n 2.40 registers it shortly after its activate call returns.
			const activated = Date.now();
			await setActive(true);
			const [registered] = await waitFor('the webhook to be registered', 30, () => (webhooks().length ? webhooks() : undefined));
			const registeredMs = Date.now() - activated;
			// Activation then lists what is going on (the calls already awaited): let it finish before counting per event.
			for (let seen = -1; seen !== server.requests.length; await sleep(1000)) seen = server.requests.length;
			const activationRequests = server.requests.filter((r) => r.receivedAt! >= activated).length;
			assert.deepEqual(webhooks(), [{ id: registered.id, url: productionUrl(), events: ['status_changed'] }]);
			assert.deepEqual(await executions(), []);

			// A call ends; then two at once.
			await finish([a], 'a call ends');
			await finish([b, c], 'two calls end at once');

			// A delivery sent twice: one execution.
			server.deliveries.fault('repeat');
			await finish([d], 'a call ends, its delivery sent twice (fault repeat)');
			assert.equal(server.deliveries.log.filter((x) => x.kind === 'repeat' && x.callId === d && x.outcome === 200).length, 1);

			// Restart (same port, so the same production URL): the same webhook, still delivering.
			await n8n.stopServer();
			const restartStarted = Date.now();
			base = await n8n.start(true);
			console.log(`[instant-trigger] ${target.version} restart: ready in ${Date.now() - restartStarted} ms`);
			assert.deepEqual(webhooks(), [registered]);
			await finish([e], 'a call ends after a restart');
			await finish([f], 'another call ends');
			assert.deepEqual(webhooks(), [registered]);

			// Forged deliveries (no call id; a finished call's id): nothing extra (their requests are printed).
			const before = (await executions()).length;
			const from = server.requests.length;
			server.deliveries.forge(productionUrl());
			server.deliveries.forge(productionUrl(), { event: 'status_changed', call_id: a, status: 'completed' });
			await server.deliveries.settled();
			await sleep(3000);
			const faultRequests = triggerRequests(from).length;
			assert.ok(server.deliveries.log.filter((x) => x.kind === 'forged').every((x) => x.outcome === 200));
			// Idle: nobody asks Diga anything.
			const idleFrom = server.requests.length;
			await sleep(10_000);
			const idle = server.requests.length - idleFrom;
			assert.equal((await executions()).length, before, 'a repeated or forged delivery started an execution');
			assert.equal(idle, 0, 'requests while idle');
			console.log(`[instant-trigger] ${target.version} 2 forged deliveries: ${faultRequests} requests, no execution; idle 10 s: ${idle} requests`);

			const deactivated = Date.now();
			await setActive(false);
			await waitFor('the webhook to be deleted', 30, () => (webhooks().length ? undefined : true));
			const deletedMs = Date.now() - deactivated;
			// Delivered after deactivation (Diga no longer would): n8n answers 404, nothing runs.
			const count = (await executions()).length;
			server.deliveries.forge(productionUrl(), { event: 'status_changed', call_id: e });
			await server.deliveries.settled();
			assert.equal(server.deliveries.log.at(-1)?.outcome, 404);
			assert.equal((await executions()).length, count);

			console.log(
				`[instant-trigger] ${target.version} summary: change → execution start median ${median(figures.latencies)} ms, max ${Math.max(...figures.latencies)} ms ` +
					`(${figures.latencies.length} events); trigger requests per event ${figures.requests.join(', ')}; Diga's delivery answered in max ${Math.max(...figures.answers)} ms; ` +
					`idle 10 s: ${idle} requests; activation ${activationRequests} requests, webhook registered ${registeredMs} ms after activate was sent, deleted ${deletedMs} ms after deactivate; scenario ${Math.round((Date.now() - t0) / 1000)} s`,
			);
			// Generous: a loaded 2-core CI machine; the figures above are what counts.
			assert.ok(Math.max(...figures.latencies) < 30_000, `an execution started ${Math.max(...figures.latencies)} ms after its call changed`);
		});
	});
}
