import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit, readLocatorId, requireDateTime } from '../../helpers/input';
import type { DigaPhone } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { readList } from '../../transport/paginate';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the phone numbers of the account, optionally filtered',
	action: 'Get many phones, optionally by status or agent',
} as const satisfies OperationOption;

/** The filters, as query parameters of `GET /v1/phone/`. */
const ASSIGNED_AFTER = { name: 'assignedAfter', api: 'start_assigned_at', label: 'Assigned After' } as const satisfies DigaField;
const ASSIGNED_BEFORE = { name: 'assignedBefore', api: 'end_assigned_at', label: 'Assigned Before' } as const satisfies DigaField;
const INBOUND_AGENT = { name: 'inboundAgentId', api: 'inbound_agent_id', label: 'Inbound Agent' } as const satisfies DigaField;
const OUTBOUND_AGENT = { name: 'outboundAgentId', api: 'outbound_agent_id', label: 'Outbound Agent' } as const satisfies DigaField;
const STATUS = { name: 'status', api: 'status', label: 'Status' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [ASSIGNED_AFTER, ASSIGNED_BEFORE, INBOUND_AGENT, OUTBOUND_AGENT, STATUS];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: ASSIGNED_AFTER.label,
			name: ASSIGNED_AFTER.name,
			type: 'dateTime',
			default: '',
			description: 'Only numbers assigned at or after this time',
		},
		{
			displayName: ASSIGNED_BEFORE.label,
			name: ASSIGNED_BEFORE.name,
			type: 'dateTime',
			default: '',
			description: 'Only numbers assigned at or before this time',
		},
		agentLocator(INBOUND_AGENT, 'Only numbers whose inbound calls this agent answers'),
		agentLocator(OUTBOUND_AGENT, 'Only numbers this agent places calls from'),
		{
			displayName: STATUS.label,
			name: STATUS.name,
			type: 'options',
			default: 'assigned',
			description: 'Only numbers in this state',
			options: [
				{ name: 'Assigned', value: 'assigned', description: 'In use by your company' },
				{ name: 'Finished', value: 'finished', description: 'Released for good and available to others again' },
				{ name: 'Pending Verification', value: 'pending_verification', description: 'Paid, waiting for verification' },
				{ name: 'Released', value: 'released', description: 'Released, held for 30 days before it can be bought again' },
				{ name: 'Reserved', value: 'reserved', description: 'Held while a purchase is in checkout' },
			],
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['getAll'] } }, properties);

/** The filters the user added, as Diga's query parameters. */
function buildQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters[STATUS.name] !== undefined) qs[STATUS.api] = filters[STATUS.name];
	for (const agent of [INBOUND_AGENT, OUTBOUND_AGENT]) {
		if (filters[agent.name] === undefined) continue;
		qs[agent.api] = readLocatorId(context, `filters.${agent.name}`, agent.label, itemIndex);
	}
	for (const date of [ASSIGNED_AFTER, ASSIGNED_BEFORE]) {
		if (filters[date.name] === undefined) continue;
		qs[date.api] = requireDateTime(context, filters[date.name], date.label, itemIndex);
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	return await readList<DigaPhone>(run.client, '/v1/phone/', buildQuery(this, itemIndex), limit, { itemIndex, fields: FIELDS });
}
