/**
 * The Diga Instant Trigger's static data size and idle requests, in the engine harness with n8n's
 * clock moved minute by minute (the safety poll ticks each minute, deliveries arrive):
 * a quiet account (a call every 5 minutes, 12 h) and one under load (1,000 calls an hour, 2 h).
 * `npx tsx scripts/bench/instantTriggerState.ts`. Prints numbers; asserts nothing.
 */
import { DigaApi } from '../../credentials/DigaApi.credentials';
import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { WebhookHarness } from '../../dev/engine/runWebhook';
import { DigaWebhookTrigger } from '../../nodes/Diga/DigaWebhookTrigger.node.js';

const realNow = Date.now.bind(Date);
let offset = 0;
Date.now = () => realNow() + offset;
let serial = 0;

async function run(label: string, minutes: number, callsPerMinute: (minute: number) => number): Promise<void> {
	const server = new DigaTestServer();
	await server.start();
	const h = new WebhookHarness({ trigger: new DigaWebhookTrigger(), credential: new DigaApi(), parameters: { event: 'statusChanged' }, credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl } });
	await h.start();
	await h.activate();
	const settle = async () => {
		await server.deliveries.settled();
		await h.settled();
	};
	const sizes: number[] = [];
	for (let minute = 0; minute < minutes; minute++) {
		const ids = Array.from({ length: callsPerMinute(minute) }, () => `e8000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`);
		for (const id of ids) server.addCall(makeCall(id, pythonTime(Date.now(), false), { status: 'dialing' }));
		await settle();
		for (const id of ids) server.setCallStatus(id, 'completed');
		await settle();
		offset += 60_000;
		await h.tick();
		sizes.push(JSON.stringify(h.savedStaticData).length, JSON.stringify(h.activeStaticData).length);
	}
	const idleFrom = server.requests.length;
	for (let minute = 0; minute < 60; minute++) {
		offset += 60_000;
		await h.tick();
	}
	const idle = server.requests.length - idleFrom;
	sizes.sort((a, b) => a - b);
	console.log(`${label}: static data max ${(sizes[sizes.length - 1] / 1000).toFixed(1)} kB, median ${(sizes[Math.floor(sizes.length / 2)] / 1000).toFixed(1)} kB; executions ${h.executions.length}; idle hour after: ${idle} requests`);
	await h.stop();
	await server.stop();
}

async function main(): Promise<void> {
	await run('quiet (a call every 5 min, 12 h)', 12 * 60, (minute) => (minute % 5 === 0 ? 1 : 0));
	await run('load (1,000 calls/h, 2 h)', 120, () => 17);
}

void main();
