import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, textField } from '../../descriptions/collections';
import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLocatorId } from '../../helpers/input';
import { aRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Launch a new numbered version of an agent from its current draft',
	action: 'Create an agent version from its draft',
} as const satisfies OperationOption;

/** `LaunchVersionRequest`, and the agent in the path. */
const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const VERSION_NAME = { name: 'versionName', api: 'version_name', label: 'Version Name' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose current draft becomes a new numbered version, by its Diga ID'), required: true },
	additionalFields([textField(VERSION_NAME, 'A name for the new version, shown next to its number', 'e.g. Summer offer')]),
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['create'] } }, properties);

interface NewVersion {
	agentId: string;
	body: IDataObject;
}

/** The agent and the body, checked before any version of the run is created. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<NewVersion> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// The body is required, and n8n sends no body for an empty object: `null` is the spec's "no name",
	// also for a name left empty (an empty field is not sent as a value).
	const name = additional[VERSION_NAME.name];
	const empty = name === undefined || name === null || String(name).trim() === '';
	return { agentId, body: { [VERSION_NAME.api]: empty ? null : String(name) } };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: NewVersion): Promise<IDataObject> {
	const { agentId, body } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<IDataObject>(
		{
			method: 'POST',
			path: `/v1/agent/${agentId}/version`,
			body,
			expect: aRecord('an agent version', 'version_id'),
			lostAnswer: {
				mayHave: `Diga may have created a new version of agent ${agentId}`,
				check: `Agent Version → Get Many for agent ${agentId}: a version created from the current draft just now means it did; then do not create it again.`,
			},
		},
		{ itemIndex, fields: [AGENT, VERSION_NAME], notFound: { default: `Diga could not find agent ${agentId} in this account` } },
	);
}
