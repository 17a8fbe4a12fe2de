import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator, versionLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLocatorId } from '../../helpers/input';
import { aRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get an agent, at its published or a chosen version',
	action: 'Get an agent at its published or a chosen version',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const VERSION = { name: 'versionId', api: 'version_id', label: 'Agent Version' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [AGENT, VERSION, { name: 'version', api: 'is_published', label: 'Version' }];

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent to get, by its Diga ID (agent_id)'), required: true },
	{
		displayName: 'Version',
		name: 'version',
		type: 'options',
		default: 'default',
		description: 'Which version of the agent to return',
		options: [
			{ name: 'Diga’s Default', value: 'default', description: 'The version Diga returns when none is asked for' },
			{ name: 'Published Version', value: 'published', description: 'The version that is live on calls' },
			{ name: 'Specific Version', value: 'specific', description: 'A version you choose' },
		],
	},
	{
		...versionLocator(VERSION, 'The version of the agent to return'),
		required: true,
		displayOptions: { show: { version: ['specific'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const version = this.getNodeParameter('version', itemIndex, 'default') as string;
	const qs: IDataObject = {};
	if (version === 'published') qs.is_published = true;
	if (version === 'specific') qs.version_id = readLocatorId(this, VERSION.name, VERSION.label, itemIndex);

	return await run.client.request<IDataObject>(
		{ method: 'GET', path: `/v1/agent/${agentId}`, qs, expect: aRecord('an agent', 'agent_id') },
		{
			itemIndex,
			fields: FIELDS,
			notFound: {
				AGENT_NOT_FOUND: `Diga could not find agent ${agentId} in this account`,
				default: qs.version_id
					? `Diga could not find version ${String(qs.version_id)} of agent ${agentId}`
					: `Diga could not find agent ${agentId} in this account`,
			},
		},
	);
}
