import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator, versionLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a numbered version of an agent. Not reversible.',
	action: 'Delete an agent version for good (irreversible)',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const VERSION = { name: 'versionId', api: 'version_id', label: 'Agent Version' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent the version belongs to, by its Diga ID'), required: true },
	{
		...versionLocator(VERSION, 'The version to delete. Diga refuses to delete the published version or the draft.'),
		required: true,
		hint: 'Not reversible.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['delete'] } }, properties);

interface VersionDeletion {
	agentId: string;
	versionId: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<VersionDeletion> {
	return { agentId: readLocatorId(this, AGENT.name, AGENT.label, itemIndex), versionId: readLocatorId(this, VERSION.name, VERSION.label, itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: VersionDeletion): Promise<IDataObject> {
	const { agentId, versionId } = prepared ?? (await prepare.call(this, itemIndex));
	await run.client.request<unknown>(
		// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
		{ method: 'DELETE', path: `/v1/agent/${agentId}/version/${versionId}`, settleAfterLostAnswer: goneAfterLostAnswer },
		{
			itemIndex,
			fields: [AGENT, VERSION],
			notFound: { default: `Diga could not find version ${versionId} of agent ${agentId}` },
			byStatus: { 409: `Diga refuses to delete version ${versionId} of agent ${agentId}: it is the published version or the draft` },
		},
	);
	return { agent_id: agentId, version_id: versionId, deleted: true };
}
