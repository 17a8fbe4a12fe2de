import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';

/**
 * The call filters Get Many and the Diga Trigger share, with the spec's enums: `CallStatus`
 * and `CallType` (which the UI calls Direction).
 */
export const callStatus = (field: Pick<DigaField, 'name' | 'label'>): INodeProperties => ({
	displayName: field.label,
	name: field.name,
	type: 'options',
	default: 'completed',
	description: 'Only calls in this state',
	options: [
		{ name: 'Completed', value: 'completed', description: 'Ended, however it ended (see "end_reason")' },
		{ name: 'Dialing', value: 'dialing' },
		{ name: 'In Progress', value: 'in_progress' },
		{ name: 'In Queue', value: 'in_queue' },
	],
});

export const callDirection = (field: Pick<DigaField, 'name' | 'label'>): INodeProperties => ({
	displayName: field.label,
	name: field.name,
	type: 'options',
	default: 'inbound',
	description: 'Only calls in this direction',
	options: [
		{ name: 'Inbound', value: 'inbound', description: 'Calls to your number' },
		{ name: 'Outbound', value: 'outbound', description: 'Calls placed from your number' },
	],
});
