import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { DigaCreatedWebhook, DigaWebhook } from '../transport/types';
import { A_CREATED_WEBHOOK } from '../transport/types';
import type { DeliveryBounds } from './deliveryBounds';
import { KeepGoing } from './keepGoing';

const TRIGGER = 'Diga Instant Trigger';

/**
 * The Diga webhook a Diga Instant Trigger registered, as its node's static data keeps it: the id
 * and the URL it was registered at. No secret: Diga shows one at registration, but nothing checks
 * it (Diga does not document `Diga-Signature`), and static data travels with exports and, on
 * n8n 1.x, into every execution's data. A secret stored by an older version is dropped.
 */
export interface RegisteredWebhook {
	webhookId?: string;
	webhookUrl?: string;
	/** Older versions only: removed at the next lifecycle step. */
	webhookSecret?: string;
	/** A Phone filter's id (webhookDelivery.ts): re-resolved after each activation. */
	phone?: unknown;
}

const WEBHOOKS = '/v1/webhook/';
export const DIGA_EVENT = 'status_changed';

function ownUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

const subscribes = (webhook: DigaWebhook) => Array.isArray(webhook.subscribed_events) && webhook.subscribed_events.includes(DIGA_EVENT);

const DELETE_ADVICE = 'delete it in Diga, or activate and deactivate the workflow again.';

/**
 * Deletes each of `ids`, going on past failures (said in n8n's log with the id and this trigger's
 * URL, so a person can delete it in Diga); returns the ids deleted or already gone.
 */
async function deleteEach(cleanup: KeepGoing, client: DigaClient, ids: string[], url: string): Promise<Set<string>> {
	const deleted = new Set<string>();
	for (const id of ids) {
		const done = await cleanup.attempt(`delete Diga webhook ${id} (at ${url})`, DELETE_ADVICE, async () => await client.request({ method: 'DELETE', path: `${WEBHOOKS}${id}` }));
		if (done) deleted.add(id);
	}
	return deleted;
}

/**
 * `checkExists`: whether Diga has the webhook this node registered at ITS OWN URL for
 * `status_changed`. Only webhooks at this URL are this node's: another webhook at this URL is a
 * leftover (an answer that never came back, an older registration) and is deleted; a webhook at
 * another URL is never touched, even with the stored id — a copy of the workflow (export/import,
 * duplicate) carries the original's static data, and the original still needs its webhook.
 * A Phone filter's id is looked up afresh after every activation; at a restart (`init`) a
 * catch-up is owed (what changed while n8n was down).
 */
export async function findOwnWebhookDeletingLeftovers(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook & DeliveryBounds;
	const url = ownUrl(this);
	const client = await DigaClient.create(this);
	const atOwnUrl = (await readList<DigaWebhook>(client, WEBHOOKS)).filter((w) => w.url === url);
	const ours = state.webhookUrl === url ? atOwnUrl.find((w) => w.id === state.webhookId && subscribes(w)) : undefined;
	const leftovers = atOwnUrl.filter((w) => w !== ours).map((w) => w.id);
	// A leftover that stays costs duplicate deliveries (hints), not events: activation goes on, the log says which.
	await deleteEach(new KeepGoing(this, TRIGGER), client, leftovers, url);
	delete state.webhookSecret;
	delete state.phone;
	if (!ours) {
		delete state.webhookId;
		delete state.webhookUrl;
	} else if (this.getActivationMode() === 'init') {
		state.catchUpDue = true;
	}
	return !!ours;
}

/** `create`: registers one Diga webhook for `status_changed` at this node's URL and keeps its id and URL (not its secret). */
export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook;
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
	delete state.webhookSecret;
	return true;
}

/**
 * `delete`: removes the webhooks at this node's URL — the stored id first (when it was registered
 * at this URL; no listing needed), then every other one a listing shows at this URL — going on
 * past failures. A webhook at another URL is another workflow's (see above) and is never deleted.
 * What could not be deleted stays in the state (a later activation finds it) and in n8n's log,
 * and the first failure is thrown so n8n reports it (n8n 2.x retries the deactivation).
 */
export async function deleteWebhooksAtOwnUrl(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as RegisteredWebhook;
	const url = ownUrl(this);
	const client = await DigaClient.create(this);
	const stored = state.webhookId && state.webhookUrl === url ? [state.webhookId] : [];
	const cleanup = new KeepGoing(this, TRIGGER);
	const deletedStored = await deleteEach(cleanup, client, stored, url);
	let listed: string[] = [];
	let listFailure: unknown;
	try {
		listed = (await readList<DigaWebhook>(client, WEBHOOKS)).filter((w) => w.url === url && !stored.includes(w.id)).map((w) => w.id);
	} catch (error) {
		listFailure = error;
		this.logger.warn(`${TRIGGER}: could not list Diga's webhooks to delete leftovers at ${url}. ${(error as Error).message}`);
	}
	const storedFailure = cleanup.firstFailure;
	await deleteEach(cleanup, client, listed, url);
	delete state.webhookSecret;
	if (!stored.length || deletedStored.has(stored[0])) {
		delete state.webhookId;
		delete state.webhookUrl;
	}
	if (storedFailure === undefined && listFailure !== undefined) throw listFailure;
	cleanup.throwFirst();
	return true;
}
