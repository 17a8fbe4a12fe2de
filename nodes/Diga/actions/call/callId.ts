import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';
import { requireUuid } from '../../helpers/input';

/** The call Get and Get Messages read: its id, from a previous node or the trigger. */
export const CALL_ID = { name: 'callId', api: 'id', label: 'Call ID' } as const satisfies DigaField;

export const callIdProperty: INodeProperties = {
	displayName: CALL_ID.label,
	name: CALL_ID.name,
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	description: 'The ID of the call, e.g. from the Diga Trigger or from Call → Get Many',
};

export function readCallId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter(CALL_ID.name, itemIndex, '') as unknown;
	return requireUuid(context, typeof value === 'string' ? value.trim() : String(value ?? ''), CALL_ID.label, itemIndex);
}
