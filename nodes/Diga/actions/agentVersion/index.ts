import type { INodeProperties } from 'n8n-workflow';

import type { DigaOperation } from '../types';
import * as getAll from './getAll.operation';

export const operations: Record<string, DigaOperation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agentVersion'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the versions of an agent, to find the published one',
				action: 'Get many agent versions',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
