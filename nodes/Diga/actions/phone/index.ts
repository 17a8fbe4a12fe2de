import type { INodeProperties } from 'n8n-workflow';

import type { DigaOperation } from '../types';
import * as update from './update.operation';

export const operations: Record<string, DigaOperation> = { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phone'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a phone number or change the agents that answer and call from it',
				action: 'Update a phone',
			},
		],
		default: 'update',
	},
	...update.description,
];
