import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { WebhookHarness } from '../../dev/engine/runWebhook';
import type { DigaTestServer } from '../../dev/diga-server/digaServer';
import { makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { DigaWebhookTrigger } from '../../nodes/Diga/DigaWebhookTrigger.node';
import { TEST_API_KEY } from '../helpers';

/** Another workflow (a copy: `workflowId`, `webhookId`), or the same one with another credential (`credentialId`). */
export interface HarnessOptions {
	workflowId?: string;
	credentialId?: string;
	webhookId?: string;
}

/** The Instant Trigger's test workflows against `server`: each a WebhookHarness (real n8n-core contexts), stopped after each test. */
export function instantTriggerSetup(server: DigaTestServer) {
	let serial = 0;
	let harnesses: WebhookHarness[] = [];
	afterEach(async () => {
		for (const h of harnesses) if (h !== undefined) await h.stop().catch(() => undefined);
		harnesses = [];
	});

	async function harness(parameters: INodeParameters = { event: 'callFinished' }, staticData?: IDataObject, restartOf?: WebhookHarness, options: HarnessOptions = {}): Promise<WebhookHarness> {
		const port = restartOf?.port;
		if (restartOf) await restartOf.stop();
		const h = new WebhookHarness({
			workflowId: options.workflowId ?? restartOf?.workflowId,
			trigger: new DigaWebhookTrigger(),
			credential: new DigaApi(),
			parameters,
			credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
			staticData,
			credentialId: options.credentialId,
			webhookId: options.webhookId,
		});
		await h.start(port);
		harnesses.push(h);
		return h;
	}

	/** A new call on Diga, dialing (Diga delivers `status_changed` to its webhooks). */
	function dial(overrides: IDataObject = {}): string {
		const id = `e5000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
		server.addCall(makeCall(id, pythonTime(Date.now(), false), { status: 'dialing', ...overrides }));
		return id;
	}
	async function settle(h: WebhookHarness): Promise<void> {
		await server.deliveries.settled();
		await h.settled();
	}
	/** A call that went on ends, and Diga's delivery of its end is lost. */
	async function endWithLostDelivery(h: WebhookHarness, id: string): Promise<void> {
		server.deliveries.fault('lose');
		server.setCallStatus(id, 'completed');
		await settle(h);
	}
	const webhooks = () => server.state.webhooks.map((w) => ({ url: w.url, events: w.subscribed_events }));
	const firedIds = (h: WebhookHarness) => h.executions.flatMap((e) => e.items.map((item) => item.json.id));
	const requestsSince = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path}`);
	return { harness, dial, settle, endWithLostDelivery, webhooks, firedIds, requestsSince };
}
