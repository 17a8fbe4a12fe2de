/**
 * `npm run demo`: runs a Diga → Phone → Update workflow through n8n's engine with the built package.
 *
 * Without DIGA_API_KEY it starts the bundled Diga-compatible server and moves the "Reception" line
 * to the after-hours agent. With DIGA_API_KEY (and DIGA_PHONE_ID, optional DIGA_BASE_URL) it runs
 * against that Diga account: it sets DIGA_NICKNAME / DIGA_INBOUND_VERSION_ID /
 * DIGA_OUTBOUND_VERSION_ID when given, and otherwise rewrites the phone's current nickname
 * (read first with Phone → Get), which changes nothing.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { runDiga } from '../dev/engine/runWorkflow';
import { DigaTestServer, TEST_API_KEY } from '../dev/diga-server/digaServer';
import { specSummary, violationReport } from '../dev/diga-server/specCheck';
import { IDS } from '../dev/diga-server/fixtures';

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

async function loadBuiltPackage() {
	// The built files, as n8n loads them (run `npm run build` first; `npm run demo` does).
	const nodePath = '../dist/nodes/Diga/Diga.node.js';
	const credentialPath = '../dist/credentials/DigaApi.credentials.js';
	const { Diga } = (await import(nodePath)) as { Diga: new () => INodeType };
	const { DigaApi } = (await import(credentialPath)) as { DigaApi: new () => ICredentialType };
	return { node: new Diga(), credential: new DigaApi() };
}

async function execute(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters) {
	const result = await runDiga({ pkg: await loadBuiltPackage(), credentials, parameters });
	if (result.error) {
		const error = result.error as Error & { description?: string };
		console.error(`\nThe Diga node failed: ${error.message}\n${error.description ?? ''}`);
		process.exit(1);
	}
	return result.items.map((item) => item.json);
}

async function againstLocalServer() {
	const server = new DigaTestServer();
	const baseUrl = await server.start();
	console.log(`Local Diga-compatible server on ${baseUrl}`);
	console.log('Workflow: Start → Diga (Phone → Update), phone picked by number +34911234567');
	try {
		const output = await execute(
			{ apiKey: TEST_API_KEY, baseUrl },
			{
				resource: 'phone',
				operation: 'update',
				phoneId: rl('number', '+34911234567'),
				updateFields: { nickname: 'Reception (after hours)', inboundVersionId: rl('list', IDS.nightV1) },
			},
		);
		for (const request of server.requests) {
			console.log(`→ ${request.method} ${request.path}${request.body ? ` ${JSON.stringify(request.body)}` : ''}`);
		}
		console.log('\nUpdated phone (the Diga node’s output):');
		console.log(JSON.stringify(output, null, 2));
		console.log(`\n${violationReport(server.spec.takeViolations()) ?? specSummary(server.spec.counts)}`);
	} finally {
		await server.stop();
	}
}

async function againstDiga(apiKey: string) {
	const phoneId = process.env.DIGA_PHONE_ID;
	if (!phoneId) {
		console.error('Set DIGA_PHONE_ID to the id of the phone to update (Diga dashboard → Phone numbers).');
		process.exit(2);
	}
	const credentials = { apiKey, baseUrl: process.env.DIGA_BASE_URL || 'https://api.diga.io' };
	const updateFields: INodeParameters = {};
	if (process.env.DIGA_NICKNAME !== undefined) updateFields.nickname = process.env.DIGA_NICKNAME;
	if (process.env.DIGA_INBOUND_VERSION_ID) updateFields.inboundVersionId = rl('id', process.env.DIGA_INBOUND_VERSION_ID);
	if (process.env.DIGA_OUTBOUND_VERSION_ID) updateFields.outboundVersionId = rl('id', process.env.DIGA_OUTBOUND_VERSION_ID);
	if (Object.keys(updateFields).length === 0) {
		const [current] = await execute(credentials, { resource: 'phone', operation: 'get', phoneId: rl('id', phoneId) });
		updateFields.nickname = (current.nickname as string | null) ?? '';
		console.log(`No change asked for: rewriting the current nickname ${JSON.stringify(updateFields.nickname)}.`);
	}
	console.log(`Diga API at ${credentials.baseUrl}: Phone → Update ${phoneId}`);
	const output = await execute(credentials, { resource: 'phone', operation: 'update', phoneId: rl('id', phoneId), updateFields });
	console.log(JSON.stringify(output, null, 2));
}

const apiKey = process.env.DIGA_API_KEY;
(apiKey ? againstDiga(apiKey) : againstLocalServer()).catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
