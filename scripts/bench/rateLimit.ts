/**
 * Fixed pool against adaptive pool under a rate limit: Phone → Update for BENCH_ITEMS items in
 * n8n-core's WorkflowExecute (the engine the tests use) against the Diga-compatible server limited
 * to BENCH_RPS requests per second (429 with Retry-After beyond it), default options otherwise.
 * "Fixed" is the same node with 429-narrowing switched off. Prints numbers; asserts nothing.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { Diga, router, updatePhones } from './engineRun';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const RPS = Number(process.env.BENCH_RPS ?? 50);
const LATENCY = Number(process.env.BENCH_RATE_LATENCY ?? 20);

/** The Diga node with the pool fixed at Max Concurrency, as before 429-narrowing. */
class FixedPoolDiga extends Diga {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, { adaptToRateLimits: false });
	}
}

export async function rateLimitBench(): Promise<void> {
	const server = new DigaTestServer();
	await server.start();
	console.log(`\nRate limit: ${ITEMS} items, server limit ${RPS} requests/s (429 + Retry-After beyond it), ${LATENCY} ms latency, default options (Max Concurrency 10, Max Retries 3), n8n-core's WorkflowExecute, Continue On Fail on:\n`);
	console.log('| pool | time (ms) | 429s | max in flight | items failed | requests |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const [label, node] of [['fixed (before)', new FixedPoolDiga()], ['adaptive', new Diga()]] as const) {
		server.reset(ITEMS);
		server.latencyMs = LATENCY;
		server.rateLimitPerSecond = RPS;
		const started = performance.now();
		const result = await updatePhones(server, node, ITEMS, {}, { continueOnFail: true });
		const ms = performance.now() - started;
		const failed = result.items.filter((item) => item.json.error !== undefined).length;
		console.log(`| ${label} | ${ms.toFixed(0)} | ${server.rateLimited} | ${server.maxInFlight} | ${failed} | ${server.requestsTo('PATCH').length} |`);
	}
	await server.stop();
}

if (require.main === module) void rateLimitBench();
