/**
 * Knowledge Item → Add File in real n8n (1.64, 1.123, 2.40), headless, with n8n's binary data in
 * filesystem mode: Read/Write Files from Disk reads PDFs (one with a quote in its name), Diga
 * uploads them, streamed from n8n's stored files. Checks the bytes and names Diga received.
 *
 *   npm run build && npx tsx --test test/e2e/addFile.e2e.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { specSummary, violationReport } from '../../dev/diga-server/specCheck';
import { credentials, pack } from './fixtures';
import { N8n, nodeOutput, TARGETS } from '../../dev/n8n/n8n';

const server = new DigaTestServer();
const folder = mkdtempSync(join(tmpdir(), 'diga-e2e-files-'));
const files: Record<string, Buffer> = {
	'Preise "2027".pdf': Buffer.alloc(3 * 1024 * 1024 + 11, 'a'),
	'manual.pdf': Buffer.alloc(700 * 1024, 'b'),
	'returns.pdf': Buffer.alloc(1024, 'c'),
};
let tarball = '';

const workflow = (directory: string) => ({
	id: 'e2eAddFile000001',
	name: 'E2E: add files',
	nodes: [
		{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'read', name: 'Read files', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [220, 0], parameters: { operation: 'read', fileSelector: `${directory}/*.pdf`, options: {} } },
		{
			id: 'diga',
			name: 'Diga',
			type: 'n8n-nodes-diga.diga',
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'knowledgeItem', operation: 'addFile', binaryPropertyName: 'data', options: { maxConcurrency: 2 } },
			credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
		},
	],
	connections: {
		Manual: { main: [[{ node: 'Read files', type: 'main', index: 0 }]] },
		'Read files': { main: [[{ node: 'Diga', type: 'main', index: 0 }]] },
	},
	settings: {},
	active: false,
});

before(async () => {
	await server.start();
	tarball = pack();
	mkdirSync(folder, { recursive: true });
	for (const [name, data] of Object.entries(files)) writeFileSync(join(folder, name), data);
});
after(async () => {
	await server.stop();
	rmSync(folder, { recursive: true, force: true });
	console.log(specSummary(server.spec.counts));
	assert.equal(violationReport(server.spec.takeViolations()), undefined);
});

for (const target of TARGETS) {
	describe(target.label, () => {
		// n8n keeps binary data on disk; file access is allowed in the folder of the PDFs only.
		const n8n = new N8n({ ...target, env: { ...target.env, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: folder } });

		before(async () => {
			await n8n.installPackage(tarball);
			await n8n.importCredentials(credentials(server.baseUrl));
			await n8n.importWorkflows([workflow(folder)]);
		});
		after(async () => await n8n.stop());

		test('Add File uploads files n8n keeps on disk: every byte and the file names as they are', async () => {
			server.reset();
			const { code, run, stdout, stderr } = await n8n.execute('e2eAddFile000001');
			assert.equal(code, 0, `${stdout}\n${stderr}`.match(/"message": "[^"]*"/g)?.join(' | '));
			const read = nodeOutput(run, 'Read files') as Array<{ binary?: Record<string, { id?: string }> }>;
			assert.ok(read.every((item) => String(item.binary?.data?.id ?? '').startsWith('filesystem')), `binary data not on disk: ${JSON.stringify(read.map((item) => item.binary?.data))}`);
			const uploads = server.requestsTo('POST', '/v1/knowledge/item/file').map((request) => {
				const form = (request.body as { multipart: { fields: Record<string, string>; files: Record<string, { filename: string; data: Buffer }> } }).multipart;
				return { name: form.fields.name, filename: form.files.file.filename, same: form.files.file.data.equals(files[form.files.file.filename] ?? Buffer.alloc(0)), length: request.headers['content-length'] !== undefined };
			});
			assert.deepEqual(
				uploads.sort((a, b) => a.filename.localeCompare(b.filename)),
				Object.keys(files).sort((a, b) => a.localeCompare(b)).map((name) => ({ name, filename: name, same: true, length: true })),
			);
			const added = nodeOutput(run, 'Diga');
			assert.deepEqual(added.map((item) => item.json.category), ['file', 'file', 'file']);
		});
	});
}
