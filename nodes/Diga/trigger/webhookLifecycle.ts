import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { DigaCreatedWebhook, DigaWebhook } from '../transport/types';
import { A_CREATED_WEBHOOK } from '../transport/types';
import { startWatching } from './webhookDelivery';

/**
 * The Diga webhook a Diga Webhook Trigger registers, as its node's static data keeps it. The
 * secret is kept only here (Diga shows it once) and never put in an output, an error or a log.
 */
export interface RegisteredWebhook {
	webhookId?: string;
	webhookUrl?: string;
	webhookSecret?: string;
}

const WEBHOOKS = '/v1/webhook/';
export const DIGA_EVENT = 'status_changed';

function ownUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

const subscribes = (webhook: DigaWebhook) => Array.isArray(webhook.subscribed_events) && webhook.subscribed_events.includes(DIGA_EVENT);

/** Deletes a Diga webhook; one Diga no longer has (404) is as good as deleted. */
async function deleteWebhook(context: IHookFunctions, client: DigaClient, id: string): Promise<void> {
	const gone = await client
		.request({ method: 'DELETE', path: `${WEBHOOKS}${id}` })
		.then(() => false, alreadyGone);
	if (gone) context.logger.debug('Diga had already deleted a webhook of this trigger', { node: context.getNode().name });
}

/** Diga's 404: the webhook is gone already; any other failure stands. */
function alreadyGone(error: unknown): true {
	if (error instanceof NodeApiError && error.httpCode === '404') return true;
	throw error;
}

function forget(state: RegisteredWebhook): void {
	delete state.webhookId;
	delete state.webhookUrl;
	delete state.webhookSecret;
}

/**
 * `checkExists`: whether Diga has the webhook this node registered, at this URL (production or,
 * listening for a test event, test), for `status_changed`, with its secret still known. Any other
 * webhook at this URL is a leftover of this node (an earlier registration whose secret is lost, or
 * whose answer never came back): it is deleted, so `create` registers one afresh.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook;
	const url = ownUrl(this);
	const client = await DigaClient.create(this);
	const webhooks = await readList<DigaWebhook>(client, WEBHOOKS);
	const ours = webhooks.find((w) => w.id === state.webhookId && w.url === url && subscribes(w) && !!state.webhookSecret && state.webhookUrl === url);
	for (const leftover of webhooks.filter((w) => w !== ours && (w.url === url || w.id === state.webhookId))) {
		await deleteWebhook(this, client, leftover.id);
	}
	if (!ours) forget(state);
	// n8n restarted with the workflow active: deliveries sent while it was down are lost; the first one after catches up.
	else if (this.getActivationMode() === 'init') (state as RegisteredWebhook & { catchUpDue?: boolean }).catchUpDue = true;
	return !!ours;
}

/** `create`: registers one Diga webhook for `status_changed` at this node's URL and keeps its id and secret. */
export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook & IDataObject;
	const url = ownUrl(this);
	const client = await DigaClient.create(this);
	const created = await client.request<DigaCreatedWebhook>(
		{
			method: 'POST',
			path: WEBHOOKS,
			body: { url, subscribed_events: [DIGA_EVENT] },
			expect: A_CREATED_WEBHOOK,
			lostAnswer: {
				mayHave: 'Diga may have registered the webhook',
				check: 'Activate the workflow again: the trigger deletes any webhook it finds at its own URL and registers a new one.',
			},
		},
		{},
	);
	state.webhookId = created.id;
	state.webhookUrl = url;
	state.webhookSecret = created.secret;
	if (this.getMode() !== 'manual') await startWatching.call(this);
	return true;
}

/** `delete`: removes the webhook this node registered (and any leftover at its URL); already gone is fine. */
export async function deleteOwnWebhook(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook;
	const url = ownUrl(this);
	const client = await DigaClient.create(this);
	const webhooks = await readList<DigaWebhook>(client, WEBHOOKS);
	const ids = new Set(webhooks.filter((w) => w.url === url).map((w) => w.id));
	if (state.webhookId) ids.add(state.webhookId);
	for (const id of ids) await deleteWebhook(this, client, id);
	forget(state);
	return true;
}
