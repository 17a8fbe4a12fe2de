/**
 * The memory Knowledge Item → Add File adds while it uploads many files, with n8n's binary data in
 * filesystem mode (the files are on disk; an item carries only their id). Prints numbers; asserts
 * nothing.
 *
 *   npm run build && node --expose-gc --import tsx scripts/bench/addFileMemory.ts
 *
 * Runs the built package (`dist/`, or BENCH_DIST=<another build's dist> for a before/after) in
 * n8n-core's WorkflowExecute with n8n-core's BinaryDataService in filesystem mode: a source node
 * writes BENCH_FILES (default "200x8,12x16": count × MB) files through `prepareBinaryData`, then
 * Diga → Add File uploads them (Max Concurrency BENCH_CONCURRENCY, default 10) to an upload sink in
 * a child process, which reads and drops each body and answers as Diga's `FileUploadResponse`, so
 * the server's memory is not the node's. "Added" = the most this process held above what it held
 * when the Diga node started (after a full GC), sampled every 5 ms: RSS, and V8 heap + external
 * (Buffers) in use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { storeBinaryDataOnDisk } from '../../dev/engine/binaryData';
import { runDiga } from '../../dev/engine/runWorkflow';
import { startUploadSink } from './uploadSink';

const MB = 1024 * 1024;

/** The node in front of Diga: writes `count` files of `size` bytes through n8n's binary data service, one at a time. */
function fileSource(count: number, size: number): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Files',
		name: 'benchFiles',
		group: ['input'],
		version: 1,
		description: 'Makes files',
		defaults: { name: 'Files' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items: INodeExecutionData[] = [];
			for (let n = 0; n < count; n++) {
				const binary = await this.helpers.prepareBinaryData(Buffer.alloc(size, n % 251), `manual-${n}.pdf`, 'application/pdf');
				if (!binary.id) throw new Error('the binary data is not on disk: filesystem mode is not on');
				items.push({ json: { n }, binary: { data: binary } });
			}
			return [items];
		},
	};
}

type Sample = { rss: number; used: number };
const sample = (): Sample => {
	const m = process.memoryUsage();
	return { rss: m.rss, used: m.heapUsed + m.external };
};

/** The Diga node, measured: baseline after a full GC when it starts, then the peak every 5 ms until it returns. */
function measured(Diga: new () => INodeType, peaks: { base?: Sample; peak?: Sample }): INodeType {
	const node = new Diga();
	const execute = node.execute!;
	node.execute = async function (this: IExecuteFunctions) {
		(globalThis as { gc?: () => void }).gc?.();
		const base = sample();
		const peak = { ...base };
		const timer = setInterval(() => {
			const now = sample();
			peak.rss = Math.max(peak.rss, now.rss);
			peak.used = Math.max(peak.used, now.used);
		}, 5);
		try {
			return await execute.call(this);
		} finally {
			clearInterval(timer);
			Object.assign(peaks, { base, peak });
		}
	};
	return node;
}

async function main(): Promise<void> {
	if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for a clean baseline)');
	const dist = resolve(process.env.BENCH_DIST ?? join(__dirname, '..', '..', 'dist'));
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { Diga } = require(join(dist, 'nodes', 'Diga', 'Diga.node.js')) as { Diga: new () => INodeType };
	const { DigaApi } = require(join(dist, 'credentials', 'DigaApi.credentials.js'));
	/* eslint-enable @typescript-eslint/no-require-imports */
	const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
	const cases = (process.env.BENCH_FILES ?? '200x8,12x16').split(',').map((c) => c.split('x').map(Number));
	const storage = mkdtempSync(join(tmpdir(), 'n8n-diga-bench-binary-'));
	await storeBinaryDataOnDisk(storage);
	const { child, baseUrl } = await startUploadSink();
	console.log(`Add File, n8n-core WorkflowExecute, binary data in filesystem mode, Max Concurrency ${concurrency}, package ${dist}`);
	console.log('| files | MB each | bound 2 × concurrency × largest (MB) | added RSS peak (MB) | added heap + external peak (MB) | time (s) | load |');
	console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const [count, sizeMb] of cases) {
		const peaks: { base?: Sample; peak?: Sample } = {};
		const started = performance.now();
		const result = await runDiga({
			pkg: { node: measured(Diga, peaks), credential: new DigaApi() },
			source: fileSource(count, sizeMb * MB),
			parameters: { resource: 'knowledgeItem', operation: 'addFile', binaryPropertyName: 'data', options: { maxConcurrency: concurrency } },
			credentials: { apiKey: 'bench', baseUrl },
		});
		const seconds = (performance.now() - started) / 1000;
		if (result.error || result.items.length !== count) throw new Error(`run failed: ${result.error?.message ?? ''} ${result.items.length}`);
		const added = (key: keyof Sample) => ((peaks.peak![key] - peaks.base![key]) / MB).toFixed(0);
		console.log(`| ${count} | ${sizeMb} | ${2 * concurrency * sizeMb} | ${added('rss')} | ${added('used')} | ${seconds.toFixed(1)} | ${loadavg()[0].toFixed(2)} |`);
	}
	child.kill();
	rmSync(storage, { recursive: true, force: true });
}

void main();
