import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations<'agentVersion'> = { getAll, create };

export const description: INodeProperties[] = [
	operationSelector(
		'agentVersion',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Launch a new numbered version of an agent from its current draft',
				action: 'Create an agent version: launch a new numbered version from the agent’s current draft, ready to publish. Needs the agent ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the versions of an agent, to find the published one',
				action: 'Get many agent versions: the versions of one agent with their version IDs, numbers and which one is published. Needs the agent ID',
			},
		],
		'getAll',
	),
	...create.description,
	...getAll.description,
];
