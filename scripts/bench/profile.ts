/**
 * `npx tsx scripts/bench/profile.ts <file.cpuprofile> [script path part]`: where the time of one n8n run went, from a V8
 * CPU profile that `BENCH_PROFILE=<dir> npm run bench` wrote. The window is the node's execution:
 * from the first to the last sample inside this package's transport (its requests), or inside
 * scripts whose path contains the second argument (`HttpRequest/V3` for the HTTP Request node). Prints the window's time by
 * where it was spent (self time: idle = the event loop waiting for answers); asserts nothing.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** This package as n8n installs it (the e2e cache folder's own name contains "n8n-nodes-diga" too). */
const PACKAGE = 'node_modules/n8n-nodes-diga/';
/** Code that runs only while the node executes (the node's files are loaded at n8n's start). */
const EXECUTION = `${PACKAGE}dist/nodes/Diga/transport/`;
/** Where the node's execution starts (its `router`) and where every request starts (the limiter's `run`). */
const ROUTER = `${PACKAGE}dist/nodes/Diga/actions/router`;
const LIMITER = `${PACKAGE}dist/nodes/Diga/transport/limiter`;

/** What a frame belongs to, from its script's path. */
function categoryOf({ functionName, url }: ProfileNode['callFrame']): string {
	if (functionName === '(idle)') return 'idle (waiting for answers or timers)';
	if (functionName === '(garbage collector)') return 'garbage collection';
	if (functionName === '(program)') return 'V8 and Node.js internals (program)';
	if (url.includes(PACKAGE)) return 'this package';
	const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]);
	const innermost = packages.at(-1);
	if (innermost) return innermost;
	if (url.startsWith('node:')) return `Node.js ${url.slice(5).split('/')[0]}`;
	return url ? 'other' : 'native / builtins';
}

function main() {
	const file = process.argv[2];
	const marker = process.argv[3] ?? EXECUTION;
	if (!file) throw new Error('usage: profile.ts <file.cpuprofile>');
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	/** Whether a sample's stack runs code whose path contains `part` (and, if given, a function of that name). */
	const touching = (part: string, functionName?: string) => {
		const memo = new Map<number, boolean>();
		const touches = (id: number): boolean => {
			const known = memo.get(id);
			if (known !== undefined) return known;
			const node = byId.get(id)!;
			const here = node.callFrame.url.includes(part) && (functionName === undefined || node.callFrame.functionName === functionName);
			const result = here || (parent.has(id) && touches(parent.get(id)!));
			memo.set(id, result);
			return result;
		};
		return touches;
	};
	const touchesPackage = touching(marker);

	let at = 0;
	const times = profile.samples.map((_, i) => (at += profile.timeDeltas[i]));
	const first = profile.samples.findIndex((id) => touchesPackage(id));
	const last = profile.samples.length - 1 - [...profile.samples].reverse().findIndex((id) => touchesPackage(id));
	if (first < 0) throw new Error(`no sample in ${marker}: is it the run of that node?`);
	const windowMs = (times[last] - times[first]) / 1000;
	if (marker === EXECUTION) {
		// The node's start (its router) to its first request (in the limiter): the check of every item before the first change.
		const start = profile.samples.findIndex(touching(ROUTER, 'router'));
		const firstRequest = profile.samples.findIndex(touching(LIMITER, 'run'));
		if (start >= 0 && firstRequest > start) {
			console.log(`from the node's start to its first request (every item checked first): ${((times[firstRequest] - times[start]) / 1000).toFixed(0)} ms`);
		}
	}
	const selfMs = new Map<string, number>();
	for (let i = first + 1; i <= last; i++) {
		const category = categoryOf(byId.get(profile.samples[i])!.callFrame);
		selfMs.set(category, (selfMs.get(category) ?? 0) + profile.timeDeltas[i] / 1000);
	}
	console.log(`${file}\nwindow (first to last sample in ${marker}): ${windowMs.toFixed(0)} ms\n`);
	console.log('| where | ms | share |');
	console.log('| --- | ---: | ---: |');
	for (const [category, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
		console.log(`| ${category} | ${ms.toFixed(0)} | ${((100 * ms) / windowMs).toFixed(1)} % |`);
	}
}

main();
