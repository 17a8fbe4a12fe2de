import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators';
import { filtersCollection, readLimit, returnAllOrLimit } from '../../descriptions/pagination';
import { readLocatorId, requireDateTime } from '../../helpers/locators';
import type { DigaPhone } from '../../transport/types';
import type { RunContext } from '../types';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Assigned After',
			name: 'assignedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only numbers assigned at or after this time',
		},
		{
			displayName: 'Assigned Before',
			name: 'assignedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only numbers assigned at or before this time',
		},
		agentLocator('inboundAgentId', 'Inbound Agent', 'Only numbers whose inbound calls this agent answers'),
		agentLocator('outboundAgentId', 'Outbound Agent', 'Only numbers this agent places calls from'),
		{
			displayName: 'Status',
			name: 'status',
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
	if (filters.status !== undefined) qs.status = filters.status;
	if (filters.inboundAgentId !== undefined) {
		qs.inbound_agent_id = readLocatorId(context, 'filters.inboundAgentId', 'Inbound Agent', itemIndex);
	}
	if (filters.outboundAgentId !== undefined) {
		qs.outbound_agent_id = readLocatorId(context, 'filters.outboundAgentId', 'Outbound Agent', itemIndex);
	}
	if (filters.assignedAfter !== undefined) {
		qs.start_assigned_at = requireDateTime(context, filters.assignedAfter, 'Assigned After', itemIndex);
	}
	if (filters.assignedBefore !== undefined) {
		qs.end_assigned_at = requireDateTime(context, filters.assignedBefore, 'Assigned Before', itemIndex);
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	return await run.client.paginate<DigaPhone>('/v1/phone/', buildQuery(this, itemIndex), limit, { itemIndex });
}
