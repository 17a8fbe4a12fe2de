/**
 * `npm run bench`: Diga → Phone → Update and Diga → Call → Make against n8n's HTTP Request node, in
 * the real n8n 1.123 of the end-to-end suite (`scripts/e2e/install-n8n.sh`), 1000 items from a
 * Code node, against the Diga-compatible server with added latency. Prints numbers; asserts nothing.
 *
 * BENCH_ROUNDS rounds (default 3); each round runs every workflow once per latency, in an order
 * that rotates from round to round, so that a change in the machine's load hits all of them alike.
 * Every run is printed with the load average at its end; then the medians, the floor and the
 * issue's targets. BENCH_BASELINE=<tarball> installs an earlier build of the package into a second
 * n8n and runs its Diga workflows alongside ("before", same session, alternating).
 *
 * Per run: the node's execution time (n8n's own `executionTime` for the node), the server's
 * maximum requests in flight, the n8n process's peak resident memory, and the share of requests
 * that reached the server within 0.3 ms of the one before (bursts). Then the Max Concurrency sweep
 * (BENCH_SWEEP, empty to skip) and the rate-limit comparison of `rateLimit.ts` (BENCH_RATE_LIMIT=0 skips it).
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { IDS } from '../../dev/diga-server/fixtures';
import { credentials, pack } from '../../dev/n8n/package';
import { N8n, TARGETS } from '../../dev/n8n/n8n';
import { DEFAULT_MAX_CONCURRENCY } from '../../nodes/Diga/helpers/runSettings';
import { rateLimitBench } from './rateLimit';
import { digaCallWorkflow, digaWorkflow, httpRequestWorkflow } from './workflows';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const list = (value: string) => value.split(',').filter(Boolean).map(Number);
const SWEEP = list(process.env.BENCH_SWEEP ?? '1,5,10,20');
const M = DEFAULT_MAX_CONCURRENCY;

interface Measure {
	ms: number;
	maxInFlight: number;
	peakMb: number;
	/** Share of requests that reached the server within 0.3 ms of the one before. */
	bunched: number;
	load: number;
}

/** A workflow the bench times, in one of the n8n instances. */
interface Variant {
	label: string;
	n8n: N8n;
	workflowId: string;
	/** The request each item sends. */
	method: 'PATCH' | 'POST';
	/** Bound by Max Concurrency (the floor applies). */
	pooled: boolean;
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

const load1 = () => loadavg()[0];

async function measure(variant: Variant, server: DigaTestServer, latency: number): Promise<Measure> {
	server.reset(ITEMS);
	server.latencyMs = latency;
	const arrivals: number[] = [];
	const push = server.requests.push.bind(server.requests);
	server.requests.push = (...entries) => {
		arrivals.push(performance.now());
		return push(...entries);
	};
	const stopWatching = watchPeakMemory();
	const { code, run, stderr } = await variant.n8n.execute(variant.workflowId);
	const peakMb = stopWatching();
	const task = run.data.resultData.runData.Target?.[0] as { executionTime?: number; data?: { main: unknown[][] } } | undefined;
	const output = task?.data?.main?.[0]?.length ?? 0;
	const sent = server.requestsTo(variant.method).length;
	if (code !== 0 || output !== ITEMS || sent !== ITEMS) {
		throw new Error(`${variant.label} at ${latency} ms: exit ${code}, ${output} items out, ${sent} ${variant.method}s\n${stderr.slice(-2000)}`);
	}
	const bunched = arrivals.filter((at, i) => i > 0 && at - arrivals[i - 1] < 0.3).length / Math.max(1, arrivals.length - 1);
	return { ms: task?.executionTime ?? NaN, maxInFlight: server.maxInFlight, peakMb, bunched, load: load1() };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

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

/** An n8n with a package and the bench's credentials and workflows. */
async function setUp(target: (typeof TARGETS)[number], tarball: string, baseUrl: string): Promise<N8n> {
	const n8n = new N8n(target);
	// BENCH_PROFILE=<dir>: write a V8 CPU profile of every n8n run there.
	if (process.env.BENCH_PROFILE) n8n.nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`];
	await n8n.installPackage(tarball);
	await n8n.importCredentials([
		...credentials(baseUrl),
		{ id: 'bench-header-auth', name: 'Diga bearer header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${TEST_API_KEY}` } },
	]);
	await n8n.importWorkflows([
		httpRequestWorkflow('benchHttpRequest', ITEMS, baseUrl),
		httpRequestWorkflow('benchHttpRequestJson', ITEMS, baseUrl, 'json'),
		digaCallWorkflow('benchDigaCall', ITEMS, IDS.salesPhone),
		...[...new Set([M, ...SWEEP])].map((c) => digaWorkflow(digaId(c), ITEMS, c)),
	]);
	return n8n;
}

const digaId = (c: number) => `benchDigaConc${String(c).padStart(3, '0')}`;

async function main() {
	// BENCH_N8N=2 runs the same in n8n 2.40 (its request layer differs: see docs/performance.md).
	const target = TARGETS.find((candidate) => candidate.version.startsWith(process.env.BENCH_N8N === '2' ? '2.' : '1.123'))!;
	const server = new DigaTestServer();
	const baseUrl = await server.start();
	const n8n = await setUp(target, pack(), baseUrl);
	const baseline = process.env.BENCH_BASELINE ? await setUp(target, process.env.BENCH_BASELINE, baseUrl) : undefined;
	const only = process.env.BENCH_ONLY?.split(',');
	const variants: Variant[] = [
		{ label: 'HTTP Request', n8n, workflowId: 'benchHttpRequest', method: 'PATCH' as const, pooled: false },
		// BENCH_HTTP_JSON=1: also the HTTP Request workflow of the earlier bench (body as one JSON expression).
		...(process.env.BENCH_HTTP_JSON === '1'
			? [{ label: 'HTTP Request, JSON body expression', n8n, workflowId: 'benchHttpRequestJson', method: 'PATCH' as const, pooled: false }]
			: []),
		{ label: 'Diga Phone → Update', n8n, workflowId: digaId(M), method: 'PATCH' as const, pooled: true },
		{ label: 'Diga Call → Make', n8n, workflowId: 'benchDigaCall', method: 'POST' as const, pooled: true },
		...(baseline
			? [
					{ label: 'Diga Phone → Update (before)', n8n: baseline, workflowId: digaId(M), method: 'PATCH' as const, pooled: true },
					{ label: 'Diga Call → Make (before)', n8n: baseline, workflowId: 'benchDigaCall', method: 'POST' as const, pooled: true },
				]
			: []),
	].filter((variant) => !only || only.includes(variant.label));

	console.log(`${target.label}, ${ITEMS} items, ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
	console.log(`Diga default Max Concurrency: ${M}; ${ROUNDS} rounds; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

	console.log('| round | latency | workflow | time (ms) | max in flight | bunched arrivals | peak RSS (MB) | load (1 min) |');
	console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
	const results = new Map<string, Measure[]>();
	const key = (variant: Variant, latency: number) => `${variant.label}@${latency}`;
	for (let round = 0; round < ROUNDS; round++) {
		for (const latency of LATENCIES) {
			// Rotate the order from round to round: no workflow always runs first or last.
			const order = variants.map((_, i) => variants[(i + round) % variants.length]);
			for (const variant of order) {
				const m = await measure(variant, server, latency);
				results.set(key(variant, latency), [...(results.get(key(variant, latency)) ?? []), m]);
				console.log(`| ${round + 1} | ${latency} ms | ${variant.label} | ${fmt(m.ms)} | ${m.maxInFlight} | ${fmt(100 * m.bunched)} % | ${m.peakMb} | ${m.load.toFixed(2)} |`);
			}
		}
	}

	console.log('\nBare Node.js client, same PATCHes, same concurrency, not n8n (what the server allows):\n');
	for (const latency of LATENCIES) {
		const bare = await bareClient(server, latency, M);
		console.log(`- ${latency} ms: ${bare.ms} ms, max in flight ${bare.maxInFlight}, load ${load1().toFixed(2)}`);
	}

	// The floor of a pool of M: max(items × latency / M, items × the run's own time per item at 0 ms,
	// which is n8n's and the node's CPU per item when nothing waits).
	const medianOf = (variant: Variant, latency: number) => median((results.get(key(variant, latency)) ?? []).map((m) => m.ms));
	const cpuFloor = (variant: Variant) => (LATENCIES.includes(0) ? medianOf(variant, 0) : 0);
	const floorOf = (variant: Variant, latency: number) => Math.max((ITEMS * latency) / M, cpuFloor(variant));
	const http = variants.find((variant) => variant.label === 'HTTP Request');

	console.log(`\nMedians (${ROUNDS} runs each); floor = max(items × latency / ${M}, items × time per item at 0 ms):\n`);
	console.log('| latency | workflow | median (ms) | runs (ms) | max in flight | bunched | load during runs | floor (ms) | / floor | / HTTP Request |');
	console.log('| ---: | --- | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |');
	const targets: string[] = [];
	const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
	for (const latency of LATENCIES) {
		for (const variant of variants) {
			const runs = results.get(key(variant, latency)) ?? [];
			const ms = medianOf(variant, latency);
			const loads = runs.map((m) => m.load);
			const floor = variant.pooled ? floorOf(variant, latency) : NaN;
			const vsHttp = http && variant !== http ? ms / medianOf(http, latency) : NaN;
			console.log(
				`| ${latency} ms | ${variant.label} | ${fmt(ms)} | ${runs.map((m) => fmt(m.ms)).join(', ')} | ${Math.max(...runs.map((m) => m.maxInFlight))} | ` +
					`${fmt(100 * median(runs.map((m) => m.bunched)))} % | ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} | ${fmt(floor)} | ${fmt(ms / floor, 2)} | ${fmt(vsHttp, 2)} |`,
			);
			if (!variant.pooled) continue;
			const limit = latency >= 50 ? 1.25 : latency >= 20 ? 1.5 : undefined;
			if (limit && !variant.label.includes('before')) targets.push(`${latency} ms, ${variant.label}: ${fmt(ms / floor, 2)}× the floor (target ≤ ${limit}×): ${met(ms <= limit * floor)}`);
			const maxInFlight = Math.max(...runs.map((m) => m.maxInFlight));
			targets.push(`${latency} ms, ${variant.label}: max in flight ${maxInFlight} (target ≤ ${M}): ${met(maxInFlight <= M)}`);
		}
		if (latency === 0 && baseline) {
			for (const [after, before] of [['Diga Phone → Update', 'Diga Phone → Update (before)'], ['Diga Call → Make', 'Diga Call → Make (before)']]) {
				const a = variants.find((v) => v.label === after);
				const b = variants.find((v) => v.label === before);
				if (!a || !b) continue;
				const ratio = medianOf(a, 0) / medianOf(b, 0);
				const verdict = ratio <= 1 ? met(true) : ratio <= 1.05 ? 'slower by less than 5 % (within the noise between runs)' : met(false);
				targets.push(`0 ms, ${after}: ${fmt(ratio, 2)}× the time before (target: no slower): ${verdict}`);
			}
		}
	}
	console.log(`\nTargets (issue 20), from these medians:\n${targets.map((line) => `- ${line}`).join('\n')}`);

	if (SWEEP.length) {
		const sweepLatency = Number(process.env.BENCH_SWEEP_LATENCY ?? 20);
		console.log(`\nMax Concurrency sweep at ${sweepLatency} ms, Phone → Update, one run each:\n`);
		console.log('| Max Concurrency | time (ms) | max in flight | per item (ms) | latency floor (ms) | / latency floor | load (1 min) |');
		console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const c of SWEEP) {
			const diga = await measure({ label: `Diga c=${c}`, n8n, workflowId: digaId(c), method: 'PATCH', pooled: true }, server, sweepLatency);
			const floor = (ITEMS * sweepLatency) / c;
			console.log(`| ${c} | ${fmt(diga.ms)} | ${diga.maxInFlight} | ${fmt(diga.ms / ITEMS, 2)} | ${fmt(floor)} | ${floor ? fmt(diga.ms / floor, 2) : '–'} | ${diga.load.toFixed(2)} |`);
		}
	}

	await n8n.stop();
	await baseline?.stop();
	await server.stop();
	if (process.env.BENCH_RATE_LIMIT !== '0') await rateLimitBench();
	console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
