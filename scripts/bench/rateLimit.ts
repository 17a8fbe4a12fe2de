/**
 * Fixed pool against adaptive pool under a rate limit: Phone → Update for BENCH_ITEMS items in
 * n8n-core's WorkflowExecute (the engine the tests use) against the Diga-compatible server limited
 * to BENCH_RPS requests per second (429 with Retry-After beyond it), default options otherwise.
 * "Fixed" is the same node with 429-narrowing switched off. Prints numbers; asserts nothing.
 */
import { join } from 'node:path';

import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { runDiga } from '../../dev/engine/runWorkflow';
import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';

// The built package (`npm run build`), as n8n loads it.
const dist = join(__dirname, '..', '..', 'dist');
/* eslint-disable @typescript-eslint/no-require-imports */
const { Diga } = require(join(dist, 'nodes', 'Diga', 'Diga.node.js')) as { Diga: new () => INodeType };
const { DigaApi } = require(join(dist, 'credentials', 'DigaApi.credentials.js'));
const { router } = require(join(dist, 'nodes', 'Diga', 'actions', 'router.js')) as {
	router: (this: IExecuteFunctions, options: { adaptToRateLimits: boolean }) => Promise<INodeExecutionData[][]>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

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
		const ids = server.state.phones.slice(-ITEMS).map((phone) => phone.id);
		const started = performance.now();
		const result = await runDiga({
			pkg: { node, credential: new DigaApi() },
			items: ids.map((id, i) => ({ id, nickname: `Shift ${i}` })),
			parameters: {
				resource: 'phone',
				operation: 'update',
				phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { nickname: '={{ $json.nickname }}' },
				options: {},
			},
			credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
			nodeSettings: { continueOnFail: true },
		});
		const ms = performance.now() - started;
		const failed = result.items.filter((item) => item.json.error !== undefined).length;
		console.log(`| ${label} | ${ms.toFixed(0)} | ${server.rateLimited} | ${server.maxInFlight} | ${failed} | ${server.requestsTo('PATCH').length} |`);
	}
	await server.stop();
}

if (require.main === module) void rateLimitBench();
