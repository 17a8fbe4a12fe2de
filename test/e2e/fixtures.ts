import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { specSummary, violationReport } from '../../dev/diga-server/specCheck';

import { pack as packPackage, ROOT } from '../../dev/n8n/package';

export { credentials, pack, ROOT } from '../../dev/n8n/package';

/** Ids the imported example workflows get. */
export const EXAMPLE_IDS: Record<string, string> = {
	'nightly-after-hours-agent.json': 'exNightlySwap001',
	'webhook-reassign-line.json': 'exWebhookLine001',
	'move-lines-to-published-version.json': 'exMoveLines00001',
	'call-finished-log.json': 'exCallFinished01',
	'test-call-after-reassign.json': 'exTestCall000001',
	'release-agent-version.json': 'exReleaseAgent01',
	'update-agent-and-release.json': 'exUpdateAgent001',
	'nightly-call-retention.json': 'exCallRetention1',
	'weekly-on-call-rotation.json': 'exOnCallRotate01',
	'nightly-knowledge-sync.json': 'exKnowledgeSync1',
	'call-finished-transcript.json': 'exInstantCall001',
	'order-status-tool.json': 'exOrderStatus001',
	'callback-booking-tool.json': 'exCallbackTool01',
	'onboard-client.json': 'exOnboardClient1',
	'live-call-alert.json': 'exLiveCallAlert1',
};

export function exampleWorkflows(): object[] {
	return readdirSync(join(ROOT, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({ ...JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')), id: EXAMPLE_IDS[file], active: false }));
}

interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: object }>;
	connections: Record<string, object>;
}

/**
 * The nightly example with its 18:00 Schedule Trigger swapped for a Manual Trigger of the same
 * name: `n8n execute` cannot start from a schedule, and its Diga nodes stay exactly as shipped.
 */
export function nightlyRunNow(): object {
	const example = exampleWorkflows().find((w) => (w as WorkflowJson).id === EXAMPLE_IDS['nightly-after-hours-agent.json']) as WorkflowJson;
	return {
		...example,
		id: 'exNightlyNow0001',
		name: `${example.name} (run now)`,
		nodes: example.nodes
			.filter((node) => node.name !== 'Weekdays 08:00')
			.map((node) =>
				node.name === 'Weekdays 18:00' ? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} } : node,
			),
		connections: { 'Weekdays 18:00': example.connections['Weekdays 18:00'] },
	};
}

/** An example with its Schedule Trigger swapped for a Manual Trigger of the same name, under the id `id`. */
function runNow(file: string, trigger: string, id: string): object {
	const example = exampleWorkflows().find((w) => (w as WorkflowJson).id === EXAMPLE_IDS[file]) as WorkflowJson;
	return {
		...example,
		id,
		name: `${example.name} (run now)`,
		nodes: example.nodes.map((node) => (node.name === trigger ? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} } : node)),
	};
}

/** The retention example with its nightly Schedule Trigger swapped for a Manual Trigger of the same name. */
export function retentionRunNow(): object {
	return runNow('nightly-call-retention.json', 'Every night at 03:00', 'exRetentionNow01');
}

export function e2eWorkflows(): object[] {
	const dir = join(__dirname, 'workflows');
	return [
		...readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8'))),
		nightlyRunNow(),
		retentionRunNow(),
		runNow('weekly-on-call-rotation.json', 'Every Monday 08:00', 'exOnCallNow00001'),
		runNow('nightly-knowledge-sync.json', 'Every night at 02:00', 'exKnowledgeNow01'),
	];
}

/** Waits for a condition the test server or n8n will reach, checking it every `everyMs`. */
export async function waitFor<T>(what: string, seconds: number, check: () => T | undefined | Promise<T | undefined>, everyMs = 1000): Promise<T> {
	const deadline = Date.now() + seconds * 1000;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`waited ${seconds} s for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

/**
 * The test server for a whole e2e file, started before its tests with the package packed once, and
 * stopped after them: every request n8n sent, and every answer it got, judged by Diga's OpenAPI spec.
 */
export function useE2eServer(): { server: DigaTestServer; tarball: () => string } {
	const server = new DigaTestServer();
	let tarball = '';
	before(async () => {
		await server.start();
		tarball = packPackage();
	});
	after(async () => {
		await server.stop();
		const violations = server.spec.takeViolations();
		console.log(specSummary(server.spec.counts));
		assert.equal(violationReport(violations), undefined);
	});
	return { server, tarball: () => tarball };
}
