import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations<'agentVersion'> = { getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'agentVersion',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the versions of an agent, to find the published one',
				action: 'Get many agent versions',
			},
		],
		'getAll',
	),
	...getAll.description,
];
