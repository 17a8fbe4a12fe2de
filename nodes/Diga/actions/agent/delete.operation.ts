import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import { isInUse } from '../../helpers/phoneDirectory';
import { goneAfterLostAnswer } from '../../transport/client';
import type { DigaPhone } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete an agent and all its versions. Not reversible.',
	action: 'Delete an agent for good (irreversible)',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
/** Not sent to Diga: decides whether the node refuses. */
const ON_PHONES = { name: 'deleteEvenIfOnPhones', label: 'Delete Even If on Phones' } as const;

const properties: INodeProperties[] = [
	{
		...agentLocator(AGENT, 'The agent to delete, with all its versions, by its Diga ID'),
		required: true,
		hint: 'Not reversible. Diga refuses to delete an agent with a published version.',
	},
	{
		displayName: ON_PHONES.label,
		name: ON_PHONES.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the agent even while phones still name it as their inbound or outbound agent. Off: the node lists the agent’s phones first and, if there are any, deletes nothing and names them.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['delete'] } }, properties);

const names = (field: unknown, agentId: string) => typeof field === 'string' && field.toLowerCase() === agentId;

/** The phones in use that name the agent, each with the direction it has it for (the account's phones, listed once per run). */
async function phonesOf(run: RunContext, agentId: string, itemIndex: number): Promise<Array<{ phone: DigaPhone; as: string }>> {
	const phones = (await run.phones.all(itemIndex)).filter(isInUse);
	return phones
		.map((phone) => ({ phone, as: [names(phone.inbound_agent_id, agentId) && 'inbound', names(phone.outbound_agent_id, agentId) && 'outbound'].filter(Boolean).join(' and ') }))
		.filter(({ as }) => as !== '')
		.sort((a, b) => String(a.phone.number).localeCompare(String(b.phone.number)));
}

interface AgentDeletion {
	agentId: string;
	/** The phones it was still on (only when deleted anyway). */
	phones: IDataObject[];
}

/** Refuses, before any agent of the run is deleted, an agent phones still use (unless told to go on). */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<AgentDeletion> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const anyway = this.getNodeParameter(ON_PHONES.name, itemIndex, false) === true;
	const phones = await phonesOf(run, agentId, itemIndex);
	if (phones.length && !anyway) {
		const named = phones.map(({ phone, as }) => `${String(phone.number)}${phone.nickname ? ` (${String(phone.nickname)})` : ''} as ${as} agent`);
		throw new NodeOperationError(this.getNode(), `Agent ${agentId} is still on ${phones.length === 1 ? 'a phone' : `${phones.length} phones`}: ${named.join(', ')}`, {
			itemIndex,
			description: `Nothing was deleted. Move ${phones.length === 1 ? 'that phone' : 'those phones'} to another agent first (Phone → Update), or turn on "${ON_PHONES.label}".`,
		});
	}
	return { agentId, phones: phones.map(({ phone, as }) => ({ id: phone.id, number: phone.number, as })) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: AgentDeletion): Promise<IDataObject> {
	const { agentId, phones } = prepared ?? (await prepare.call(this, itemIndex, run));
	await run.client.request<unknown>(
		// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
		{ method: 'DELETE', path: `/v1/agent/${agentId}`, settleAfterLostAnswer: goneAfterLostAnswer },
		{
			itemIndex,
			fields: [AGENT],
			notFound: { default: `Diga could not find agent ${agentId} in this account` },
			byStatus: { 409: `Diga refuses to delete agent ${agentId}: it has a published version (Agent → Unpublish takes it off first)` },
		},
	);
	return { id: agentId, deleted: true, ...(phones.length ? { stillOnPhones: phones } : {}) };
}
