/** What the engine benches share: the built package, and Phone → Update for the server's last phones. */
import { join } from 'node:path';

import type { IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import type { RunResult } from '../../dev/engine/runWorkflow';
import { runDiga } from '../../dev/engine/runWorkflow';
import type { DigaTestServer } from '../../dev/diga-server/digaServer';
import { TEST_API_KEY } from '../../dev/diga-server/digaServer';

// The built package (`npm run build`), as n8n loads it.
const dist = join(__dirname, '..', '..', 'dist');
/* eslint-disable @typescript-eslint/no-require-imports */
export const { Diga } = require(join(dist, 'nodes', 'Diga', 'Diga.node.js')) as { Diga: new () => INodeType };
const { DigaApi } = require(join(dist, 'credentials', 'DigaApi.credentials.js'));
export const { router } = require(join(dist, 'nodes', 'Diga', 'actions', 'router.js')) as {
	router: (this: IExecuteFunctions, options: { adaptToRateLimits?: boolean; paceStarts?: boolean }) => Promise<INodeExecutionData[][]>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Sets the nickname of the server's last `items` phones, one item each, as the n8n bench does. */
export async function updatePhones(
	server: DigaTestServer,
	node: INodeType,
	items: number,
	options: INodeParameters,
	nodeSettings?: Partial<INode>,
): Promise<RunResult> {
	const ids = server.state.phones.slice(-items).map((phone) => phone.id);
	return await runDiga({
		pkg: { node, credential: new DigaApi() },
		items: ids.map((id, i) => ({ id, nickname: `Shift ${i}` })),
		parameters: {
			resource: 'phone',
			operation: 'update',
			phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			updateFields: { nickname: '={{ $json.nickname }}' },
			options,
		},
		credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
		nodeSettings,
	});
}
