import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { MAIN_CONNECTION } from './descriptions/connections';
import { listSearch } from './methods';
import { triggerProperties } from './trigger/triggerProperties';
import { EVENT_OPTIONS, EVENT_SUBTITLE } from './trigger/events';
import { pollCalls } from './trigger/poll';

export class DigaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Trigger',
		name: 'digaTrigger',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENT_SUBTITLE,
		// n8n's node panel merges this trigger into the Diga node's entry and shows this text there.
		description: 'Manage the phone numbers, AI voice agents and calls of your Diga account',
		defaults: { name: 'Diga Trigger' },
		polling: true,
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'digaApi', required: true }],
		properties: [
			...triggerProperties(EVENT_OPTIONS),
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCalls.call(this);
	}
}
