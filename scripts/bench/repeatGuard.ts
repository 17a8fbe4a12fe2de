/**
 * The cost of Call → Make's repeat guard (Skip Repeat Calls Within): Call → Make for N items from
 * one line, in n8n-core's WorkflowExecute against the Diga-compatible server, guard on (5 minutes)
 * and off (0). Prints requests and time; asserts nothing. `npx tsx scripts/bench/repeatGuard.ts`
 * (BENCH_GUARD_ITEMS, BENCH_GUARD_LATENCY), after `npm run build` (it runs dist/, as the other benches).
 */
import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { IDS } from '../../dev/diga-server/fixtures';
import { runDiga } from '../../dev/engine/runWorkflow';
import { DigaApi } from '../../credentials/DigaApi.credentials';
import { Diga } from './engineRun';

const ITEMS = Number(process.env.BENCH_GUARD_ITEMS ?? 200);
const LATENCIES = (process.env.BENCH_GUARD_LATENCY ?? '0,20').split(',').map(Number);

async function main(): Promise<void> {
	const server = new DigaTestServer();
	await server.start();
	const pkg = { node: new Diga(), credential: new DigaApi() };
	console.log(`Call → Make, ${ITEMS} items from one line (Max Concurrency 10), n8n-core's WorkflowExecute:\n`);
	console.log('| latency | from | numbers | guard | GET /v1/phone/ | GET /v1/call/ | POST /v1/call/ | time (ms) |');
	console.log('| ---: | --- | --- | --- | ---: | ---: | ---: | ---: |');
	for (const latency of LATENCIES) {
		for (const from of [{ __rl: true, mode: 'list', value: IDS.outboundPhone }, { __rl: true, mode: 'number', value: '+34600111222' }]) {
			for (const distinct of [true, false]) {
				for (const window of [5, 0]) {
					server.reset();
					server.latencyMs = latency;
					const items = Array.from({ length: ITEMS }, (_, n) => ({ to: distinct ? `+34612${String(n).padStart(6, '0')}` : '+34612345678' }));
					const started = performance.now();
					const result = await runDiga({
						pkg,
						items,
						parameters: { resource: 'call', operation: 'make', from, to: '={{ $json.to }}', options: { skipRepeatCallsWithin: window } },
						credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
					});
					const ms = performance.now() - started;
					if (result.error) throw result.error;
					const count = (method: string, path: string) => server.requests.filter((r) => r.method === method && r.path === path).length;
					console.log(
						`| ${latency} ms | ${from.mode === 'list' ? 'phone id' : 'number'} | ${distinct ? 'all different' : 'all the same'} | ${window ? `${window} min` : 'off'} | ${count('GET', '/v1/phone/')} | ${count('GET', '/v1/call/')} | ${count('POST', '/v1/call/')} | ${ms.toFixed(0)} |`,
					);
				}
			}
		}
	}
	await server.stop();
	process.exit(0);
}

void main();
