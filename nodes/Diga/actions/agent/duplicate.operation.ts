import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import { agentLocator, projectLocator, versionLocator } from '../../descriptions/resourceLocators';
import { locatorValue, readLocatorId, requireUuid } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { createAgent, readText } from './newAgent';

export const option = {
	name: 'Duplicate',
	value: 'duplicate',
	description: 'Copy an agent, its draft or a chosen version, as a new draft agent in a project',
	action: 'Duplicate an agent into a project',
} as const satisfies OperationOption;

/** `DuplicateAgentRequest`, and the agent in the path. */
const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const PROJECT = { name: 'projectId', api: 'target_project_id', label: 'Target Project' } as const satisfies DigaField;
const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;
const SOURCE_VERSION = { name: 'sourceVersionId', api: 'source_version_id', label: 'Source Version' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [AGENT, PROJECT, NAME, SOURCE_VERSION];

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent to copy, by its Diga ID'), required: true },
	{ ...projectLocator(PROJECT, 'The project the copy is created in (it may be the agent’s own)'), required: true },
	{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', placeholder: 'e.g. Acme reception', description: 'The copy’s name. Empty: Diga names it after the original, with “(copy)”.' },
	additionalFields([versionLocator(SOURCE_VERSION, 'The version to copy. Not set: the agent’s current draft.')]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['duplicate'] } }, properties);

interface Duplication {
	agentId: string;
	body: IDataObject;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<Duplication> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const body: IDataObject = { [PROJECT.api]: readLocatorId(this, PROJECT.name, PROJECT.label, itemIndex) };
	const name = readText(this, NAME, itemIndex);
	if (name !== '') body[NAME.api] = name;
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additional[SOURCE_VERSION.name] !== undefined) {
		const version = locatorValue(additional[SOURCE_VERSION.name]).value;
		if (version !== '') body[SOURCE_VERSION.api] = requireUuid(this, version, SOURCE_VERSION.label, itemIndex);
	}
	return { agentId, body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: Duplication): Promise<DigaAgent> {
	const { agentId, body } = prepared ?? (await prepare.call(this, itemIndex));
	const name = body[NAME.api] === undefined ? undefined : String(body[NAME.api]);
	return await createAgent(
		run,
		{ path: `/v1/agent/${agentId}/duplicate`, body, what: `copy of agent ${agentId}${name ? ` "${name}"` : ''}`, name },
		{
			itemIndex,
			fields: FIELDS,
			notFound: { default: `Diga could not find agent ${agentId} in this account` },
			byStatus: { 403: `The Diga API key may not create agents in project ${String(body[PROJECT.api])}` },
		},
	);
}
