/**
 * The polling Diga Trigger's cost (issue 27): requests per poll and the size of its static data, for
 * an account with 100, 1,000 and 10,000 calls an hour (all ended within the minute), without and with
 * one call left in progress for 5 hours. The trigger runs in n8n-core's poll machinery (dev/engine
 * runPoll) against the Diga-compatible test server, on a simulated clock. Prints a table; asserts
 * nothing. `npm run build && npx tsx scripts/bench/trigger.ts` (BENCH_TRIGGER_RATES=100,1000 to choose the rates).
 *
 * Polls: activation over 6 h 10 min of history; quiet (a minute later, no new call); busy (a minute
 * later, a minute's calls); catch-up (back after an hour off, the hour's calls). Size: the largest
 * static data (JSON) after any of them.
 */
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { finishCall, makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { PollHarness } from '../../dev/engine/runPoll';

// The built package (`npm run build`), as n8n loads it (and as the other benches run it).
const dist = join(__dirname, '..', '..', 'dist');
/* eslint-disable @typescript-eslint/no-require-imports */
const { DigaTrigger } = require(join(dist, 'nodes', 'Diga', 'DigaTrigger.node.js')) as { DigaTrigger: new () => INodeType };
const { DigaApi } = require(join(dist, 'credentials', 'DigaApi.credentials.js')) as { DigaApi: new () => ICredentialType };
/* eslint-enable @typescript-eslint/no-require-imports */

const RATES = (process.env.BENCH_TRIGGER_RATES ?? '100,1000,10000').split(',').map(Number);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// A simulated clock, moving with real time plus what the script skips; the server and the trigger read it.
const realNow = Date.now.bind(Date);
let skipped = 0;
Date.now = () => realNow() + skipped;

async function run(server: DigaTestServer, perHour: number, longCall: boolean) {
	server.reset();
	server.state.naiveTimes = true;
	server.state.calls = [];
	let serial = 0;
	const add = (at: number, status: 'completed' | 'in_progress' = 'completed') => {
		const call = makeCall(`e6000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`, pythonTime(at, true), { status });
		server.state.calls.push(status === 'completed' ? finishCall(call) : call);
	};
	const gap = HOUR / perHour;
	const fill = (from: number, to: number) => {
		for (let at = from; at < to; at += gap) add(at);
	};
	const start = Date.now();
	fill(start - 6 * HOUR - 10 * MINUTE, start);
	if (longCall) add(start - 5 * HOUR, 'in_progress');

	const trigger = new PollHarness({ trigger: new DigaTrigger(), credential: new DigaApi(), parameters: { event: 'callFinished' }, credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl } });
	let largest = 0;
	const poll = async () => {
		server.requests = [];
		const fired = await trigger.poll();
		largest = Math.max(largest, JSON.stringify(trigger.staticData['node:Diga Trigger'] ?? {}).length);
		return { requests: server.requests.length, fired: fired?.length ?? 0 };
	};
	const activation = await poll();
	skipped += MINUTE;
	const quiet = await poll();
	const before = Date.now();
	skipped += MINUTE;
	fill(before, Date.now());
	const busy = await poll();
	const off = Date.now();
	skipped += HOUR;
	fill(off, Date.now());
	const catchUp = await poll();
	return { activation, quiet, busy, catchUp, largest };
}

async function main(): Promise<void> {
	const server = new DigaTestServer();
	await server.start();
	console.log('Diga Trigger (Call Finished), requests per poll and largest static data:\n');
	console.log('| calls an hour | a call in progress for 5 h | activation | quiet poll | busy poll (fired) | catch-up after 1 h off (fired) | static data |');
	console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
	try {
		for (const perHour of RATES) {
			for (const longCall of [false, true]) {
				const r = await run(server, perHour, longCall);
				console.log(
					`| ${perHour.toLocaleString('en')} | ${longCall ? 'yes' : 'no'} | ${r.activation.requests} | ${r.quiet.requests} | ${r.busy.requests} (${r.busy.fired}) | ${r.catchUp.requests} (${r.catchUp.fired}) | ${(r.largest / 1000).toFixed(1)} kB |`,
				);
			}
		}
	} finally {
		await server.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
