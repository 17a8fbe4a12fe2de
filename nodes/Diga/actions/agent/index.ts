import type { INodeProperties } from 'n8n-workflow';

import type { DigaOperation } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, DigaOperation> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an agent, at its published or a chosen version', action: 'Get an agent' },
			{ name: 'Get Many', value: 'getAll', description: 'List the agents of the account', action: 'Get many agents' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
