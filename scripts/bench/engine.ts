/**
 * `npx tsx scripts/bench/engine.ts`: Phone → Update for BENCH_ITEMS items in n8n-core's WorkflowExecute
 * (the jest harness, no n8n process), per latency in BENCH_LATENCIES, paced starts against unpaced
 * ones, alternating. Quick to profile: `node --cpu-prof --import tsx scripts/bench/engine.ts`. The
 * server runs in the same process here, so absolute times differ from `npm run bench`'s. Prints
 * numbers; asserts nothing.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { loadavg } from 'node:os';

import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { Diga, router, updatePhones } from './engineRun';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const MAX_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

/** The Diga node with every start as soon as the pool lets it, as before paced starts. */
class UnpacedDiga extends Diga {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, { paceStarts: false });
	}
}

async function main() {
	const server = new DigaTestServer();
	await server.start();
	const nodes = [['paced', new Diga()], ['unpaced', new UnpacedDiga()]] as const;
	for (const latency of LATENCIES) {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			for (const [label, node] of repeat % 2 ? [...nodes].reverse() : nodes) {
				server.reset(ITEMS);
				server.latencyMs = latency;
				const cpuBefore = process.cpuUsage();
				const started = performance.now();
				const result = await updatePhones(server, node, ITEMS, { maxConcurrency: MAX_CONCURRENCY });
				const ms = performance.now() - started;
				const cpu = process.cpuUsage(cpuBefore);
				if (result.error || result.items.length !== ITEMS) throw new Error(`run failed: ${result.error?.message} ${result.items.length}`);
				const floor = (ITEMS * latency) / MAX_CONCURRENCY;
				console.log(
					`latency ${latency} ms, ${label}: ${ms.toFixed(0)} ms, ${(ms / ITEMS).toFixed(2)} ms/item, max in flight ${server.maxInFlight}, ` +
						`CPU ${((cpu.user + cpu.system) / 1000 / ITEMS).toFixed(2)} ms/item (client and server)` +
						(floor ? `, ${(ms / floor).toFixed(2)}× the latency floor` : '') +
						`, load ${loadavg()[0].toFixed(2)}`,
				);
			}
		}
	}
	await server.stop();
}

void main();
