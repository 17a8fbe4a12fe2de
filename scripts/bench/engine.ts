/**
 * `npx tsx scripts/bench/engine.ts`: Phone → Update for BENCH_ITEMS items in n8n-core's WorkflowExecute
 * (the jest harness, no n8n process), per latency in BENCH_LATENCIES. Quick to profile:
 * `node --cpu-prof --import tsx scripts/bench/engine.ts`. Prints numbers; asserts nothing.
 */
import { join } from 'node:path';

import { runDiga } from '../../dev/engine/runWorkflow';
import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';

// The built package (`npm run build`), as n8n loads it.
const dist = join(__dirname, '..', '..', 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Diga } = require(join(dist, 'nodes', 'Diga', 'Diga.node.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DigaApi } = require(join(dist, 'credentials', 'DigaApi.credentials.js'));

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const MAX_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

async function main() {
	const server = new DigaTestServer();
	await server.start();
	const pkg = { node: new Diga(), credential: new DigaApi() };
	for (const latency of LATENCIES) {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			server.reset(ITEMS);
			server.latencyMs = latency;
			const ids = server.state.phones.slice(-ITEMS).map((phone) => phone.id);
			const cpuBefore = process.cpuUsage();
			const started = performance.now();
			const result = await runDiga({
				pkg,
				items: ids.map((id, i) => ({ id, nickname: `Shift ${i}` })),
				parameters: {
					resource: 'phone',
					operation: 'update',
					phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { nickname: '={{ $json.nickname }}' },
					options: { maxConcurrency: MAX_CONCURRENCY },
				},
				credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
			});
			const ms = performance.now() - started;
			const cpu = process.cpuUsage(cpuBefore);
			const cpuMs = (cpu.user + cpu.system) / 1000;
			if (result.error || result.items.length !== ITEMS) throw new Error(`run failed: ${result.error?.message} ${result.items.length}`);
			const floor = (ITEMS * latency) / MAX_CONCURRENCY;
			console.log(
				`latency ${latency} ms: ${ms.toFixed(0)} ms, ${(ms / ITEMS).toFixed(2)} ms/item, max in flight ${server.maxInFlight}, CPU ${(cpuMs / ITEMS).toFixed(2)} ms/item (client and server)` +
					(floor ? `, ${(ms / floor).toFixed(2)}× floor` : ''),
			);
		}
	}
	await server.stop();
}

void main();
