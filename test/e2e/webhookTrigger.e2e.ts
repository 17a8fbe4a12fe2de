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
type TriggerNode = { type: string; webhookId?: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> };
type WorkflowJson = { id: string; name: string; active?: boolean; settings?: object; nodes: TriggerNode[]; connections: object; staticData?: object };
const example = () => exampleWorkflows().find((w) => (w as { id: string }).id === WORKFLOW_ID) as WorkflowJson;
const isTrigger = (node: TriggerNode) => node.type === 'n8n-nodes-diga.digaWebhookTrigger';
const WEBHOOK_ID = example().nodes.find(isTrigger)!.webhookId!;
/** The safety poll's interval: 1 minute here (the hidden parameter; 4 by default) to keep CI short. */
const SAFETY_MINUTES = 1;
const withSafetyInterval = (workflow: WorkflowJson): WorkflowJson => ({
	...workflow,
	nodes: workflow.nodes.map((node) => (isTrigger(node) ? { ...node, parameters: { ...node.parameters, safetyIntervalMinutes: SAFETY_MINUTES } } : node)),
});
/** Another n8n credential for the same account: a credential switch. */
const SECOND_CREDENTIAL = (baseUrl: string) => ({ ...(credentials(baseUrl)[0] as object), id: 'diga-credential-2', name: 'Diga account 2' });
/** A copy of the example (export/import): another id and webhook URL, the trigger alone, the original's static data as `staticData`. */
const COPY_ID = 'DigaInstantCopy1';
const COPY_WEBHOOK_ID = '5b0e7a52-2f0c-4c8e-9a1d-6f3e8c1bc0b1';
const copyOf = (staticData: object): WorkflowJson => {
	const trigger = withSafetyInterval(example()).nodes.find(isTrigger)!;
	// settings: n8n 1.64 cannot save an execution of a workflow whose settings are null.
	return { id: COPY_ID, name: 'Copy of the call log', active: false, nodes: [{ ...trigger, webhookId: COPY_WEBHOOK_ID }], connections: {}, settings: { executionOrder: 'v1' }, staticData };
};

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

/** DIGA_E2E_N8N=1.64 (a version prefix) runs one release only, to try a change quickly. */
for (const target of TARGETS.filter((t) => t.version.startsWith(process.env.DIGA_E2E_N8N ?? ''))) {
	describe(`${target.label}: the Diga Instant Trigger, activated in a running n8n`, () => {
		const n8n = new N8n(target);
		let base = '';
		let cookie = '';
		const api = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
			const text = await response.text();
			if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
			return (JSON.parse(text) as { data: Record<string, unknown> }).data;
		};
		/** As the editor's Active/Publish switch does it. */
		const setActive = async (active: boolean, id = WORKFLOW_ID) => await n8n.setActive(base, cookie, id, active);
		const executions = async (id = WORKFLOW_ID, limit?: number) => await n8n.executions(base, cookie, id, limit);
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
			await n8n.importCredentials([...credentials(server.baseUrl), SECOND_CREDENTIAL(server.baseUrl)]);
			await n8n.importWorkflows([withSafetyInterval(example())]);
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
			// Idle: at most the catch-up the forged delivery owed (the safety poll runs it within a minute).
			const idleFrom = server.requests.length;
			await sleep(10_000);
			const idle = server.requests.length - idleFrom;
			assert.equal((await executions()).length, before, 'a repeated or forged delivery started an execution');
			assert.ok(idle <= 1, `${idle} requests while idle`);
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

		test('one step off the path (issue 31): lost deliveries, a copy at another URL, a credential switch, a burst of 200; no secret in any execution', async () => {
			const t0 = Date.now();
			const secrets = new Set<string>();
			const noteSecrets = () => server.state.webhooks.forEach((w) => secrets.add(w.secret));
			/** Waits for an execution of `id` (among the newest `limit`) whose trigger output is `callId`; the ms from `changedAt` to its start. */
			const firedAfter = async (callId: string, changedAt: number, seconds: number, id = WORKFLOW_ID, node = 'Call finished', limit?: number) => {
				const run = await waitFor(`an execution of ${callId}`, seconds, async () =>
					// One n8n may list an execution before its start time is set: wait for it.
					(await executions(id, limit).catch(() => [])).find((r) => r.startedAt && nodeOutput(r, node).some((item) => item.json.id === callId)),
				);
				return Date.parse(run.startedAt!) - changedAt;
			};
			/** A call going on, once the trigger has looked it up (n8n answers Diga before the look-up: it must not see the end). */
			const goingOnAndLookedUp = async () => {
				const id = callGoingOn();
				await waitFor(`the look-up of ${id}`, 30, () => server.requests.find((r) => r.path === `/v1/call/${id}` && r.status !== undefined));
				return id;
			};
			const firedCount = async (callId: string, id: string, limit?: number) =>
				(await executions(id, limit)).filter((r) => nodeOutput(r, 'Call finished').some((item) => item.json.id === callId)).length;

			await setActive(true);
			const [registered] = await waitFor('the webhook to be registered', 30, () => (webhooks().length ? webhooks() : undefined));
			noteSecrets();
			for (let seen = -1; seen !== server.requests.length; await sleep(1000)) seen = server.requests.length;

			// A delivery lost while n8n runs, and none after it: the safety poll fires it.
			const lost = await goingOnAndLookedUp();
			server.deliveries.fault('lose');
			const lostAt = Date.now();
			server.setCallStatus(lost, 'completed');
			const lostRunning = await firedAfter(lost, lostAt, 60 * (SAFETY_MINUTES + 2));

			// A delivery lost while n8n is down (it finds no server); the copy is imported meanwhile, carrying the original's static data.
			const down = await goingOnAndLookedUp();
			await n8n.stopServer();
			const downAt = Date.now();
			server.setCallStatus(down, 'completed');
			await server.deliveries.settled();
			await n8n.importWorkflows([copyOf({ 'node:Call finished': { webhookId: registered.id, webhookUrl: productionUrl() } })]);
			base = await n8n.start(true);
			const lostDown = await firedAfter(down, downAt, 120);
			assert.equal(await firedCount(down, WORKFLOW_ID), 1);

			// The copy, activated at its own URL: the original's webhook stays; deactivated: still.
			await setActive(true, COPY_ID);
			await waitFor('the copy\'s webhook', 30, () => (webhooks().length === 2 ? true : undefined));
			noteSecrets();
			assert.ok(webhooks().some((w) => w.id === registered.id && w.url === productionUrl()), 'the copy deleted the original\'s webhook');
			await setActive(false, COPY_ID);
			await waitFor('the copy\'s webhook deleted', 30, () => (webhooks().length === 1 ? true : undefined));
			assert.deepEqual(webhooks(), [registered]);
			const stillFires = callGoingOn();
			const stillAt = Date.now();
			server.setCallStatus(stillFires, 'completed');
			await firedAfter(stillFires, stillAt, 30);

			// The original off; the copy on again, then switched to another credential while a call's delivery was lost: it never fires that call.
			await setActive(false);
			await waitFor('the original\'s webhook deleted', 30, () => (webhooks().length === 0 ? true : undefined));
			await setActive(true, COPY_ID);
			await waitFor('the copy\'s webhook', 30, () => (webhooks().length === 1 ? true : undefined));
			noteSecrets();
			for (let seen = -1; seen !== server.requests.length; await sleep(1000)) seen = server.requests.length;
			const owed = await goingOnAndLookedUp();
			server.deliveries.fault('lose');
			server.setCallStatus(owed, 'completed');
			const copy = (await api('GET', `/rest/workflows/${COPY_ID}`)) as unknown as WorkflowJson & { versionId: string };
			const switched = copy.nodes.map((node) => ({ ...node, credentials: { digaApi: { id: 'diga-credential-2', name: 'Diga account 2' } } }));
			const saved = (await api('PATCH', `/rest/workflows/${COPY_ID}`, { nodes: switched, versionId: copy.versionId })) as { versionId: string };
			if (target.version !== '1.64.3') await api('POST', `/rest/workflows/${COPY_ID}/activate`, { versionId: saved.versionId });
			await sleep(2000);
			server.deliveries.forge(`http://127.0.0.1:${n8n.port}/webhook/${COPY_WEBHOOK_ID}/webhook`);
			await server.deliveries.settled();

			// A burst: 200 calls end within 10 s (20 a second); each fires once (the first 120 looked up, the rest caught up).
			const burst = Array.from({ length: 200 }, () => callGoingOn());
			await server.deliveries.settled();
			await sleep(2000);
			const copyRunsBefore = (await n8n.executionList(base, cookie, COPY_ID, 400)).length;
			const burstFrom = server.requests.length;
			const burstAt = Date.now();
			for (let i = 0; i < burst.length; i += 20) {
				for (const id of burst.slice(i, i + 20)) server.setCallStatus(id, 'completed');
				await sleep(500);
			}
			await server.deliveries.settled();
			const outcomes = server.deliveries.log.filter((d) => burst.includes(d.callId!)).map((d) => String(d.outcome));
			console.log(`[instant-trigger] ${target.version} burst: webhooks ${JSON.stringify(webhooks().map((w) => w.url))}; delivery outcomes ${JSON.stringify(Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length])))}; lost → execution ${lostRunning} ms, down → ${lostDown} ms`);
			// Each execution holds the calls one look-up or catch-up saw: wait until the items cover the burst.
			const covered = async () => {
				const runs = await executions(COPY_ID, 400);
				return { runs, ids: runs.flatMap((r) => nodeOutput(r, 'Call finished').map((item) => String(item.json.id))) };
			};
			let seenRuns = copyRunsBefore;
			let checks = 0;
			const { runs } = await waitFor('the burst\'s 200 calls in executions of the copy', 60 * (SAFETY_MINUTES + 3), async () => {
				const count = (await n8n.executionList(base, cookie, COPY_ID, 400).catch(() => [])).length;
				// Reading every run's data is slow: only when more have come, or every 5 s (one may have been running).
				if (count === seenRuns && ++checks % 20 !== 0) return undefined;
				seenRuns = count;
				const now = await covered();
				return burst.every((id) => now.ids.includes(id)) ? now : undefined;
			});
			const burstLastMs = Math.max(...runs.map((r) => Date.parse(r.startedAt!))) - burstAt;
			await sleep(3000);
			const copyIds = (await covered()).ids;
			assert.equal(copyIds.filter((id) => burst.includes(id)).length, 200, 'each call of the burst once');
			assert.ok(!copyIds.includes(owed), 'the switched copy fired a call of its former credential\'s state');
			const burstRequests = server.requests.slice(burstFrom).filter((r) => !r.path.endsWith('/message')).length;

			// No execution holds a webhook secret (n8n 1.x copies static data into execution data).
			const everything = JSON.stringify([...(await executions(WORKFLOW_ID, 400)), ...(await executions(COPY_ID, 400))]);
			for (const secret of secrets) assert.ok(!everything.includes(secret), 'a webhook secret in an execution');
			await setActive(false, COPY_ID);
			await waitFor('no webhook left', 30, () => (webhooks().length ? undefined : true));

			console.log(
				`[instant-trigger] ${target.version} issue 31: lost delivery (n8n running) → execution ${lostRunning} ms with a ${SAFETY_MINUTES}-min safety interval; ` +
					`lost while down → execution ${lostDown} ms after the change (incl. restart); ` +
					`burst of 200 in 10 s: last execution ${burstLastMs} ms after the first change, ${burstRequests} trigger requests; secrets checked ${secrets.size}; scenario ${Math.round((Date.now() - t0) / 1000)} s`,
			);
		});
	});
}
