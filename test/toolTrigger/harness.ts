import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import type { DigaTestServer } from '../../dev/diga-server/digaServer';
import { WebhookHarness } from '../../dev/engine/runWebhook';
import { DigaToolTrigger } from '../../nodes/Diga/DigaToolTrigger.node';
import { IDS, locator, TEST_API_KEY } from '../helpers';

export const NODE_NAME = 'Diga Agent Tool';

/** The order look-up tool of examples/: an order number in the body, a channel in the query, a region in the path. */
export function orderTool(extra: INodeParameters = {}): INodeParameters {
	return {
		agents: { agent: [{ agentId: locator('list', IDS.supportAgent) }] },
		toolName: 'look_up_order',
		toolDescription: "Looks up an order's status by its number.",
		toolParameters: {
			parameter: [
				{ name: 'order_number', type: 'integer', description: 'The order number', required: true, location: 'body' },
				{ name: 'gift', type: 'boolean', description: 'Whether it is a gift', required: false, location: 'query' },
				{ name: 'region', type: 'string', description: 'The region', required: true, location: 'path' },
			],
		},
		respondWith: 'firstEntryJson',
		...extra,
	};
}

/** As a trigger → Set workflow answers: the trigger's first item, with `answered: true`. */
export const echo = (items: INodeExecutionData[]) => ({ status: 200, body: { ...items[0].json, answered: true } });

export class ToolHarnesses {
	private all: WebhookHarness[] = [];

	constructor(private readonly server: DigaTestServer) {}

	/** A workflow with the trigger (a fresh id unless it restarts `restartOf`, on the same port). */
	async start(parameters: INodeParameters, options: { restartOf?: WebhookHarness; workflowId?: string; apiKey?: string; staticData?: IDataObject; followedBy?: Array<{ name: string; type: string; disabled?: boolean }> } = {}): Promise<WebhookHarness> {
		const port = options.restartOf?.port;
		if (options.restartOf) await options.restartOf.stop();
		const h = new WebhookHarness({
			workflowId: options.restartOf?.workflowId ?? options.workflowId,
			trigger: new DigaToolTrigger(),
			credential: new DigaApi(),
			nodeName: NODE_NAME,
			parameters,
			credentials: { apiKey: options.apiKey ?? TEST_API_KEY, baseUrl: this.server.baseUrl },
			staticData: options.staticData,
			respond: echo,
			followedBy: options.followedBy,
		});
		await h.start(port);
		this.all.push(h);
		return h;
	}

	async stopAll(): Promise<void> {
		for (const h of this.all) await h.stop().catch(() => undefined);
		this.all = [];
	}
}

/** Posts a tool call as Diga would: JSON body, optional query, and the headers given. */
export async function callTool(url: string, options: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<{ status: number; body: IDataObject }> {
	const target = new URL(url);
	for (const [key, value] of Object.entries(options.query ?? {})) target.searchParams.set(key, value);
	const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(options.body ?? {}) });
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as IDataObject) : {} };
}

/** What the test server holds, as these tests look at it after each step. */
export function digaView(server: DigaTestServer) {
	const draftOf = (agentId: string) => server.state.agents.find((a) => a.agent_id === agentId)!.versions.find((v) => v.is_draft)!;
	return {
		draftOf,
		/** The integration ids assigned on the agent's draft, in order. */
		assignmentsOf: (agentId: string) => ((draftOf(agentId).config?.integrations ?? []) as IDataObject[]).map((a) => a.integration_id),
		/** Every integration: its URL and its tools' names. */
		integrations: () => server.state.integrations.map((i) => ({ base_url: i.base_url, tools: i.tools.map((t) => t.name) })),
		/** The requests that changed something, since the log was last emptied. */
		writes: () => server.requests.filter((r) => r.method !== 'GET'),
	};
}

/** What the node says in n8n's log as warnings, test by test (each test starts with none); `harnesses` stopped after each. */
export function useWarningsAndHarnesses(harnesses: ToolHarnesses): string[] {
	const warnings: string[] = [];
	beforeEach(() => {
		warnings.length = 0;
		jest.spyOn(Container.get(Logger), 'warn').mockImplementation((message: string) => void warnings.push(message));
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await harnesses.stopAll();
	});
	return warnings;
}
