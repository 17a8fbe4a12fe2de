import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import { aRecord } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Unpublish',
	value: 'unpublish',
	description: 'Take an agent’s published version off calls; its versions are kept and can be published again',
	action: 'Unpublish an agent (no version live)',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{
		...agentLocator(AGENT, 'The agent to take off calls, by its Diga ID'),
		required: true,
		hint: 'Its phones stop reaching it until a version is published again. Diga deletes only agents without a published version.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['unpublish'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	return readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
}

/** `PATCH …/published_version` without a version: the spec's "the current version published will be unpublished". The same twice changes nothing more. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: string): Promise<IDataObject> {
	const agentId = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<IDataObject>(
		{ method: 'PATCH', path: `/v1/agent/${agentId}/published_version`, body: { version_id: null }, expect: aRecord('an agent', 'agent_id') },
		{ itemIndex, fields: [AGENT], notFound: { default: `Diga could not find agent ${agentId} in this account` } },
	);
}
