/**
 * Knowledge Item → Add File's memory in a real n8n (`n8n execute`), binary data in filesystem mode.
 * Prints numbers; asserts nothing.
 *
 *   npm run build && npx tsx scripts/bench/addFileN8n.ts
 *
 * Writes BENCH_FILES (default "200x8,12x16": count × MB) PDFs to a folder; per case, two workflows:
 * Manual → Read/Write Files from Disk (every file) → Diga Add File (Max Concurrency 10) to the
 * upload sink (scripts/bench/uploadSink.ts), and the same without the Diga node. "Added" is the
 * peak RSS (VmHWM) of the first `n8n execute` minus that of the second: what the Diga node adds to
 * n8n reading the files. BENCH_N8N=1 runs n8n 1.123 (default 2.40); BENCH_BASELINE=<tarball> runs
 * an earlier build of the package in a second n8n, alternating ("before").
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { credentials, pack } from '../../dev/n8n/package';
import { N8n, TARGETS } from '../../dev/n8n/n8n';
import { startUploadSink } from './uploadSink';

const MB = 1024 * 1024;

/** Peak RSS (MB) of the n8n child processes while `work` runs, read from /proc. */
async function peakRss(work: () => Promise<unknown>): Promise<number> {
	let peakKb = 0;
	const timer = setInterval(() => {
		for (const pid of readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
			try {
				const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
				if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
			} catch {
				// exited
			}
		}
	}, 50);
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	return Math.round(peakKb / 1024);
}

function workflow(id: string, folder: string, withDiga: boolean): object {
	const nodes: object[] = [
		{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'read', name: 'Read files', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [220, 0], parameters: { operation: 'read', fileSelector: `${folder}/*.pdf`, options: {} } },
	];
	if (withDiga) {
		nodes.push({
			id: 'diga',
			name: 'Diga',
			type: 'n8n-nodes-diga.diga',
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'knowledgeItem', operation: 'addFile', binaryPropertyName: 'data', options: { maxConcurrency: 10 } },
			credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
		});
	}
	const connections: Record<string, object> = { Manual: { main: [[{ node: 'Read files', type: 'main', index: 0 }]] } };
	if (withDiga) connections['Read files'] = { main: [[{ node: 'Diga', type: 'main', index: 0 }]] };
	return { id, name: id, nodes, connections, settings: {}, active: false };
}

async function main(): Promise<void> {
	const target = TARGETS.find((candidate) => candidate.version.startsWith(process.env.BENCH_N8N === '1' ? '1.123' : '2.'))!;
	const cases = (process.env.BENCH_FILES ?? '200x8,12x16').split(',').map((c) => c.split('x').map(Number));
	const { child, baseUrl } = await startUploadSink();
	const root = mkdtempSync(join(tmpdir(), 'diga-bench-files-'));
	const packages = [{ label: 'this build', tarball: pack() }, ...(process.env.BENCH_BASELINE ? [{ label: 'before', tarball: process.env.BENCH_BASELINE }] : [])];
	const instances: Array<{ label: string; n8n: N8n }> = [];
	for (const { label, tarball } of packages) {
		const n8n = new N8n({ ...target, env: { ...target.env, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: root } });
		await n8n.installPackage(tarball);
		await n8n.importCredentials(credentials(baseUrl));
		instances.push({ label, n8n });
	}
	console.log(`Add File in ${target.label} (n8n execute), binary data in filesystem mode, Max Concurrency 10`);
	console.log('| files | MB each | package | peak RSS with Diga (MB) | peak RSS, files read only (MB) | added by Diga (MB) | load |');
	console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: |');
	for (const [count, sizeMb] of cases) {
		const folder = join(root, `${count}x${sizeMb}`);
		mkdirSync(folder);
		for (let n = 0; n < count; n++) writeFileSync(join(folder, `manual-${n}.pdf`), Buffer.alloc(sizeMb * MB, n % 251));
		for (const { label, n8n } of instances) {
			const ids = { diga: `benchAddFile${count}x${sizeMb}`, read: `benchReadOnly${count}x${sizeMb}` };
			await n8n.importWorkflows([workflow(ids.diga, folder, true), workflow(ids.read, folder, false)]);
			let failed = '';
			const withDiga = await peakRss(async () => {
				const { code, stderr } = await n8n.execute(ids.diga);
				if (code !== 0) failed = stderr.slice(-500);
			});
			const readOnly = await peakRss(async () => await n8n.execute(ids.read));
			if (failed) throw new Error(`${label}: ${failed}`);
			console.log(`| ${count} | ${sizeMb} | ${label} | ${withDiga} | ${readOnly} | ${withDiga - readOnly} | ${loadavg()[0].toFixed(2)} |`);
		}
		rmSync(folder, { recursive: true, force: true });
	}
	for (const { n8n } of instances) await n8n.stop();
	child.kill();
	rmSync(root, { recursive: true, force: true });
}

void main();
