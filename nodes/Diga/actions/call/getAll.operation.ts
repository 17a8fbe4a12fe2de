import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { agentLocator, phoneFieldLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit, readLocatorId, requireDateTime, requireUuid } from '../../helpers/input';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { DigaCall } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { callDirection, callStatus } from './filters';
import { readList } from '../../transport/paginate';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the calls of the account, newest first, optionally filtered',
	action: 'Get many calls, newest first',
} as const satisfies OperationOption;

/** The filters, as query parameters of `GET /v1/call/`. */
const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const PHONE = { name: 'phoneId', api: 'phone_id', label: 'Phone' } as const satisfies DigaField;
const STATUS = { name: 'status', api: 'status', label: 'Status' } as const satisfies DigaField;
const DIRECTION = { name: 'direction', api: 'type', label: 'Direction' } as const satisfies DigaField;
const CONTACT = { name: 'contactId', api: 'contact_id', label: 'Contact ID' } as const satisfies DigaField;
const CREATED_AFTER = { name: 'createdAfter', api: 'start_created_date', label: 'Created After' } as const satisfies DigaField;
const CREATED_BEFORE = { name: 'createdBefore', api: 'end_created_date', label: 'Created Before' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [AGENT, PHONE, STATUS, DIRECTION, CONTACT, CREATED_AFTER, CREATED_BEFORE];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		agentLocator(AGENT, 'Only calls this agent handled'),
		{
			displayName: CONTACT.label,
			name: CONTACT.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
			description: 'Only calls with this contact (the "contact.ID" of a call)',
		},
		{
			displayName: CREATED_AFTER.label,
			name: CREATED_AFTER.name,
			type: 'dateTime',
			default: '',
			description: 'Only calls created at or after this time',
		},
		{
			displayName: CREATED_BEFORE.label,
			name: CREATED_BEFORE.name,
			type: 'dateTime',
			default: '',
			description: 'Only calls created at or before this time',
		},
		callDirection(DIRECTION),
		phoneFieldLocator(PHONE, 'Only calls on this phone number'),
		callStatus(STATUS),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getAll'] } }, properties);

/** The filters the user added, as Diga's query parameters. */
async function buildQuery(context: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const choice of [STATUS, DIRECTION]) {
		if (filters[choice.name] !== undefined) qs[choice.api] = filters[choice.name];
	}
	if (filters[AGENT.name] !== undefined) qs[AGENT.api] = readLocatorId(context, `filters.${AGENT.name}`, AGENT.label, itemIndex);
	if (filters[CONTACT.name] !== undefined && filters[CONTACT.name] !== '') {
		qs[CONTACT.api] = requireUuid(context, String(filters[CONTACT.name]).trim(), CONTACT.label, itemIndex);
	}
	for (const date of [CREATED_AFTER, CREATED_BEFORE]) {
		if (filters[date.name] === undefined) continue;
		qs[date.api] = requireDateTime(context, filters[date.name], date.label, itemIndex);
	}
	if (filters[PHONE.name] !== undefined) {
		qs[PHONE.api] = await resolvePhoneId(context, run.phones, itemIndex, { name: `filters.${PHONE.name}`, label: PHONE.label });
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const qs = await buildQuery(this, itemIndex, run);
	return await readList<DigaCall>(run.client, '/v1/call/', qs, limit, { itemIndex, fields: FIELDS });
}
