import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as deleteCalls from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMessages from './getMessages.operation';
import * as getRecording from './getRecording.operation';
import * as make from './make.operation';

export const operations: ResourceOperations<'call'> = { delete: deleteCalls, get, getAll, getMessages, getRecording, make };

export const description: INodeProperties[] = [
	operationSelector(
		'call',
		[
			deleteCalls.option,
			{ name: 'Get', value: 'get', description: 'Get a call by ID', action: 'Get a call: its status, direction, phone, agent, contact and timing. Needs the call ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the calls of the account, newest first, optionally filtered',
				action: 'Get many calls: the calls of the account with their call IDs, newest first, optionally filtered by agent ID, phone ID, status, direction or creation date',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: 'Get the transcript of a call, in the order it was spoken',
				action: 'Get the messages of a call: its transcript, what the agent and the caller said, in order. Needs the call ID',
			},
			getRecording.option,
			{
				name: 'Make',
				value: 'make',
				description: 'Place an outbound call from one of your numbers with its AI agent',
				action: 'Make a call: the AI agent on one of your lines phones a Spanish number (+34…) now. Needs the line’s phone ID or number and the number to call',
			},
		],
		'make',
	),
	...deleteCalls.description,
	...get.description,
	...getAll.description,
	...getMessages.description,
	...getRecording.description,
	...make.description,
];
