import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator, versionLocator } from '../../descriptions/locators';
import { readLocatorId } from '../../helpers/locators';
import { unexpectedBodyError } from '../../transport/errors';
import type { RunContext } from '../types';

const properties: INodeProperties[] = [
	{ ...agentLocator('agentId', 'Agent', 'The agent to get'), required: true },
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
		...versionLocator('versionId', 'Agent Version', 'The version of the agent to return'),
		required: true,
		displayOptions: { show: { version: ['specific'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const agentId = readLocatorId(this, 'agentId', 'Agent', itemIndex);
	const version = this.getNodeParameter('version', itemIndex, 'default') as string;
	const qs: IDataObject = {};
	if (version === 'published') qs.is_published = true;
	if (version === 'specific') qs.version_id = readLocatorId(this, 'versionId', 'Agent Version', itemIndex);

	const agent = await run.client.request<IDataObject>(
		{ method: 'GET', path: `/v1/agent/${agentId}`, qs },
		{
			itemIndex,
			notFound: (digaSays) =>
				qs.version_id && digaSays?.toLowerCase().includes(String(qs.version_id))
					? `Diga could not find version ${String(qs.version_id)} of agent ${agentId}`
					: `Diga could not find agent ${agentId} in this account`,
		},
	);
	if (!agent || typeof agent !== 'object' || typeof agent.agent_id !== 'string') {
		throw unexpectedBodyError(this.getNode(), 'an agent', agent, itemIndex);
	}
	return agent;
}
