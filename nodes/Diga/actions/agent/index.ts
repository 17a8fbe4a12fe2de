import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as publishVersion from './publishVersion.operation';
import * as update from './update.operation';

export const operations: ResourceOperations<'agent'> = { get, getAll, publishVersion, update };

export const description: INodeProperties[] = [
	operationSelector(
		'agent',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get an agent, at its published or a chosen version',
				action: 'Get an agent: its settings at its published or a chosen version, with that version ID. Needs the agent ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the agents of the account',
				action: 'Get many agents: the agents of the account with their agent IDs and current version IDs',
			},
			{
				name: 'Publish Version',
				value: 'publishVersion',
				description: 'Make one version of an agent the live one, optionally on an inbound and an outbound phone',
				action: 'Publish an agent version: make it the version that goes live on calls, optionally on an inbound and an outbound phone. Needs the agent ID and the version ID',
			},
			update.option,
		],
		'get',
	),
	...get.description,
	...getAll.description,
	...publishVersion.description,
	...update.description,
];
