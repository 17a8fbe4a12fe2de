/**
 * The Diga Instant Trigger in the engine harness (dev/engine/runWebhook.ts) against the test server:
 * prints the time from a call's status change to the execution's start (median and max), Diga
 * requests per event, and requests while idle. `npx tsx scripts/bench/webhookTrigger.ts [events]`.
 */
import { DigaApi } from '../../credentials/DigaApi.credentials';
import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { WebhookHarness } from '../../dev/engine/runWebhook';
import { DigaWebhookTrigger } from '../../nodes/Diga/DigaWebhookTrigger.node.js';

async function main(): Promise<void> {
	const events = Number(process.argv[2] ?? 50);
	const server = new DigaTestServer();
	await server.start();
	const h = new WebhookHarness({ trigger: new DigaWebhookTrigger(), credential: new DigaApi(), parameters: { event: 'statusChanged' }, credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl } });
	await h.start();
	await h.activate();
	const settle = async () => {
		await server.deliveries.settled();
		await h.settled();
	};
	const before = server.requests.length;
	const latencies: number[] = [];
	for (let i = 0; i < events; i++) {
		const id = `e7000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
		const changedAt = Date.now();
		server.addCall(makeCall(id, pythonTime(changedAt, false), { status: 'dialing' }));
		await settle();
		latencies.push(h.executions[h.executions.length - 1].startedAt - changedAt);
	}
	const perEvent = (server.requests.length - before) / events;
	const idleFrom = server.requests.length;
	await new Promise((resolve) => setTimeout(resolve, 10_000));
	latencies.sort((a, b) => a - b);
	console.log(`events: ${events}, executions: ${h.executions.length}`);
	console.log(`status change → execution start: median ${latencies[Math.floor(events / 2)]} ms, max ${latencies[events - 1]} ms`);
	console.log(`Diga requests per event: ${perEvent}`);
	console.log(`Diga requests in 10 s idle: ${server.requests.length - idleFrom}`);
	console.log(`spec violations: ${server.spec.takeViolations().length}`);
	await h.stop();
	await server.stop();
}

void main();
