/**
 * `npm run bench`: Diga → Phone → Update against n8n's HTTP Request node, in the real n8n 1.123
 * of the end-to-end suite (`scripts/e2e/install-n8n.sh`), 1000 items from a Code node, against
 * the Diga-compatible server with added latency. Prints numbers; asserts nothing.
 *
 * Per run: the node's execution time (n8n's own `executionTime` for the node), the server's
 * maximum requests in flight, and the n8n process's peak resident memory; then the issue's targets
 * as met / not met, and the rate-limit comparison of `rateLimit.ts` (BENCH_RATE_LIMIT=0 skips it).
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { credentials, pack } from '../../dev/n8n/package';
import { N8n, TARGETS } from '../../dev/n8n/n8n';
import { DEFAULT_MAX_CONCURRENCY } from '../../nodes/Diga/helpers/runSettings';
import { rateLimitBench } from './rateLimit';
import { digaWorkflow, httpRequestWorkflow } from './workflows';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20,50').split(',').map(Number);
const SWEEP = (process.env.BENCH_SWEEP ?? '1,5,10,20').split(',').map(Number);

interface Measure {
	ms: number;
	maxInFlight: number;
	peakMb: number;
	requests: number;
}

/** Peak RSS of the newest `n8n execute` child, read from /proc while it runs. */
function watchPeakMemory(): () => number {
	let peakKb = 0;
	const timer = setInterval(() => {
		for (const pid of readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8').trim().split(/\s+/).filter(Boolean)) {
			try {
				const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
				if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
			} catch {
				// exited
			}
		}
	}, 50);
	return () => {
		clearInterval(timer);
		return Math.round(peakKb / 1024);
	};
}

async function measure(n8n: N8n, server: DigaTestServer, workflowId: string, latency: number): Promise<Measure> {
	server.reset(ITEMS);
	server.latencyMs = latency;
	const stopWatching = watchPeakMemory();
	const { code, run, stderr } = await n8n.execute(workflowId);
	const peakMb = stopWatching();
	const task = run.data.resultData.runData.Target?.[0] as { executionTime?: number; data?: { main: unknown[][] } } | undefined;
	const output = task?.data?.main?.[0]?.length ?? 0;
	const patches = server.requestsTo('PATCH').length;
	if (code !== 0 || output !== ITEMS || patches !== ITEMS) {
		throw new Error(`${workflowId} at ${latency} ms: exit ${code}, ${output} items out, ${patches} PATCHes\n${stderr.slice(-2000)}`);
	}
	return { ms: task?.executionTime ?? NaN, maxInFlight: server.maxInFlight, peakMb, requests: patches };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

/** The same PATCHes from a bare Node.js client with the same concurrency, outside n8n: what the server allows. */
async function bareClient(server: DigaTestServer, latency: number, concurrency: number): Promise<{ ms: number; maxInFlight: number }> {
	server.reset(ITEMS);
	server.latencyMs = latency;
	const ids = server.state.phones.slice(-ITEMS).map((phone) => phone.id);
	const patch = (id: string) =>
		new Promise<void>((resolve, reject) => {
			const body = JSON.stringify({ nickname: 'x' });
			const req = request(`${server.baseUrl}/v1/phone/${id}`, {
				method: 'PATCH',
				headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
			});
			req.on('response', (response) => response.resume().on('end', resolve));
			req.on('error', reject);
			req.end(body);
		});
	let next = 0;
	const started = Date.now();
	await Promise.all(Array.from({ length: concurrency }, async () => {
		while (next < ids.length) await patch(ids[next++]);
	}));
	return { ms: Date.now() - started, maxInFlight: server.maxInFlight };
}

async function main() {
	// BENCH_N8N=2 runs the same in n8n 2.40 (its request layer differs: see docs/performance.md).
	const target = process.env.BENCH_N8N === '2' ? TARGETS[1] : TARGETS[0];
	const server = new DigaTestServer();
	const baseUrl = await server.start();
	const n8n = new N8n(target);
	// BENCH_PROFILE=<dir>: write a V8 CPU profile of every n8n run there.
	if (process.env.BENCH_PROFILE) n8n.nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`];
	await n8n.installPackage(pack());
	await n8n.importCredentials([
		...credentials(baseUrl),
		{ id: 'bench-header-auth', name: 'Diga bearer header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${TEST_API_KEY}` } },
	]);
	const workflows = [httpRequestWorkflow('benchHttpRequest', ITEMS, baseUrl), ...[...new Set([DEFAULT_MAX_CONCURRENCY, ...SWEEP])].map((c) => digaWorkflow(`benchDigaConc${String(c).padStart(3, '0')}`, ITEMS, c))];
	await n8n.importWorkflows(workflows);
	const digaId = (c: number) => `benchDigaConc${String(c).padStart(3, '0')}`;

	console.log(`${target.label}, ${ITEMS} items, ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
	console.log(`Diga default Max Concurrency: ${DEFAULT_MAX_CONCURRENCY}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
	const targets: string[] = [];

	console.log('| latency | node | time (ms) | max in flight | peak RSS (MB) | Diga / HTTP Request | Diga / floor |');
	console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
	for (const latency of LATENCIES) {
		const http = await measure(n8n, server, 'benchHttpRequest', latency);
		const diga = await measure(n8n, server, digaId(DEFAULT_MAX_CONCURRENCY), latency);
		const floor = (ITEMS * latency) / DEFAULT_MAX_CONCURRENCY;
		console.log(`| ${latency} ms | HTTP Request | ${fmt(http.ms)} | ${http.maxInFlight} | ${http.peakMb} | | |`);
		const bare = await bareClient(server, latency, DEFAULT_MAX_CONCURRENCY);
		console.log(`| ${latency} ms | bare Node.js client (c=${DEFAULT_MAX_CONCURRENCY}, not n8n) | ${fmt(bare.ms)} | ${bare.maxInFlight} | | | ${floor ? fmt(bare.ms / floor, 2) : '–'} |`);
		console.log(
			`| ${latency} ms | Diga (c=${DEFAULT_MAX_CONCURRENCY}) | ${fmt(diga.ms)} | ${diga.maxInFlight} | ${diga.peakMb} | ${fmt(diga.ms / http.ms, 2)} | ${floor ? fmt(diga.ms / floor, 2) : '–'} |`,
		);
		const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
		if (floor) targets.push(`${latency} ms: Diga ${fmt(diga.ms / floor, 2)}× the floor (target ≤ 1.2×): ${met(diga.ms <= 1.2 * floor)}`);
		else targets.push(`${latency} ms: Diga ${fmt(diga.ms / ITEMS, 2)} ms per item, HTTP Request ${fmt(http.ms / ITEMS, 2)} (target: below): ${met(diga.ms < http.ms)}`);
		targets.push(`${latency} ms: Diga max in flight ${diga.maxInFlight} (target ≤ ${DEFAULT_MAX_CONCURRENCY}): ${met(diga.maxInFlight <= DEFAULT_MAX_CONCURRENCY)}`);
	}
	console.log(`\nTargets (issue 12), from this run:\n${targets.map((line) => `- ${line}`).join('\n')}`);

	const sweepLatency = Number(process.env.BENCH_SWEEP_LATENCY ?? 20);
	console.log(`\nMax Concurrency sweep at ${sweepLatency} ms:\n`);
	console.log('| Max Concurrency | time (ms) | max in flight | per item (ms) | Diga / floor |');
	console.log('| ---: | ---: | ---: | ---: | ---: |');
	for (const c of SWEEP) {
		const diga = await measure(n8n, server, digaId(c), sweepLatency);
		const floor = (ITEMS * sweepLatency) / c;
		console.log(`| ${c} | ${fmt(diga.ms)} | ${diga.maxInFlight} | ${fmt(diga.ms / ITEMS, 2)} | ${floor ? fmt(diga.ms / floor, 2) : '–'} |`);
	}

	await n8n.stop();
	await server.stop();
	if (process.env.BENCH_RATE_LIMIT !== '0') await rateLimitBench();
	console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
