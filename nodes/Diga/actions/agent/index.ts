import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations<'agent'> = { get, getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'agent',
		[
			{ name: 'Get', value: 'get', description: 'Get an agent, at its published or a chosen version', action: 'Get an agent' },
			{ name: 'Get Many', value: 'getAll', description: 'List the agents of the account', action: 'Get many agents' },
		],
		'get',
	),
	...get.description,
	...getAll.description,
];
