import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: ResourceOperations<'phone'> = { get, getAll, update };

export const description: INodeProperties[] = [
	operationSelector(
		'phone',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get a phone number by ID or by number',
				action: 'Get a phone',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the phone numbers of the account, optionally filtered',
				action: 'Get many phones',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a phone number or change the agents that answer and call from it',
				action: 'Update a phone',
			},
		],
		'update',
	),
	...get.description,
	...getAll.description,
	...update.description,
];
