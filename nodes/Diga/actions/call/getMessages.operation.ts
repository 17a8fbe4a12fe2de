import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/pagination';
import { readLimit } from '../../helpers/input';
import type { DigaMessage } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { callIdProperty, readCallId } from './callId';
import { readList } from '../../transport/paginate';

export const option = {
	name: 'Get Messages',
	value: 'getMessages',
	description: 'Get the transcript of a call, in the order it was spoken',
	action: 'Get the transcript of a call',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	callIdProperty,
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'One Item per Call',
				name: 'combine',
				type: 'boolean',
				default: false,
				description:
					'Whether to return one item with the call ID and all its messages in order (in "messages"), instead of one item per message',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getMessages'] } }, properties);

/** Diga answers 404 with this code for a call without a transcript (e.g. nobody answered): an empty transcript. */
const NO_MESSAGES = 'NO_MESSAGES_FOR_CALL';

function isNoMessages(error: unknown): boolean {
	return error instanceof NodeApiError && (error.errorResponse as IDataObject | undefined)?.error_code === NO_MESSAGES;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject | IDataObject[]> {
	const callId = readCallId(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const { combine } = this.getNodeParameter('messageOptions', itemIndex, {}) as { combine?: boolean };

	let messages: DigaMessage[];
	try {
		// Oldest first: a transcript reads in the order it was spoken.
		messages = await readList<DigaMessage>(run.client, `/v1/call/${callId}/message`, { order: 'asc' }, limit, { itemIndex });
	} catch (error) {
		if (!isNoMessages(error)) {
			// The client throws NodeApiErrors only; n8n's constructor hands such an error back unchanged.
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		}
		messages = [];
	}
	return combine === true ? { call_id: callId, messages } : messages;
}
