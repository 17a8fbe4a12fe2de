import type { IHookFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MAIN_CONNECTION } from './descriptions/connections';
import { listSearch } from './methods';
import { eventSubtitle } from './trigger/events';
import { runSafetyPoll, SAFETY_INTERVAL_MINUTES, SAFETY_POLL_TIMES } from './trigger/safetyPoll';
import { triggerProperties } from './trigger/triggerProperties';
import { receiveDelivery, WEBHOOK_EVENT_OPTIONS } from './trigger/webhookDelivery';
import { createWebhook, deleteWebhooksAtOwnUrl, findOwnWebhookDeletingLeftovers } from './trigger/webhookLifecycle';

const SUBTITLE = eventSubtitle(WEBHOOK_EVENT_OPTIONS);

export class DigaWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Instant Trigger',
		name: 'digaWebhookTrigger',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: SUBTITLE,
		description: 'Starts the workflow the moment a Diga call changes, through a webhook Diga calls. Needs n8n reachable from the internet; else use the Diga Trigger (polling).',
		defaults: { name: 'Diga Instant Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'digaApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Diga calls n8n when a call changes: n8n must be reachable from the internet. Behind a firewall, use the Diga Trigger (polling) instead.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...triggerProperties(WEBHOOK_EVENT_OPTIONS),
			SAFETY_POLL_TIMES,
			SAFETY_INTERVAL_MINUTES,
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			// n8n's name; this one also deletes leftovers at the node's own URL (webhookLifecycle.ts).
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await findOwnWebhookDeletingLeftovers.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhooksAtOwnUrl.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}

	/** The safety poll (trigger/safetyPoll.ts): a lost delivery still fires, within minutes. */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runSafetyPoll.call(this);
	}
}
