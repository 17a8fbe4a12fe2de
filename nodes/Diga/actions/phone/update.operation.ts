import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator, versionLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { clearFieldsOption } from '../../descriptions/clearFields';
import { applyClearFields, locatorValue, requireSomeField, requireUuid } from '../../helpers/input';
import { CLEAR_FIELDS } from '../../vocabulary/fields';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { DigaPhone } from '../../transport/types';
import { A_PHONE } from '../../transport/types';
import { readPhone } from './get.operation';
import { updateFields } from '../../descriptions/collections';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Rename a phone number or change the agents that answer and call from it',
	action: 'Update a phone’s name or agent versions',
} as const satisfies OperationOption;

/** The fields of `PhoneUpdateRequestSchema`, in the order they are sent. */
const NICKNAME = { name: 'nickname', api: 'nickname', label: 'Nickname' } as const satisfies DigaField;
const INBOUND = { name: 'inboundVersionId', api: 'inbound_version_id', label: 'Inbound Agent Version' } as const satisfies DigaField;
const OUTBOUND = { name: 'outboundVersionId', api: 'outbound_version_id', label: 'Outbound Agent Version' } as const satisfies DigaField;
const VERSION_FIELDS = [INBOUND, OUTBOUND];
const FIELDS: readonly DigaField[] = [NICKNAME, ...VERSION_FIELDS];
/** What Clear Fields sends: an empty Nickname itself is not sent. */
const CLEARABLE = [{ field: NICKNAME, empty: '' }];

const properties: INodeProperties[] = [
	phoneLocator,
	updateFields([
		clearFieldsOption(CLEARABLE.map(({ field }) => field), 'the phone'),
		versionLocator(INBOUND, 'The agent version that answers calls to this number'),
		{
			displayName: NICKNAME.label,
			name: NICKNAME.name,
			type: 'string',
			default: '',
			description: 'A name for the number, shown in Diga next to it. Empty is not sent (to remove the name, use Clear Fields).',
		},
		versionLocator(OUTBOUND, 'The agent version that places calls from this number'),
	]),
	{
		displayName: 'Include Previous Values',
		name: 'includePreviousValues',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the phone just before changing it and output it under "previous", so a later step can roll the change back. Costs one more request per item.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phone'], operation: ['update'] } },
	properties,
);

/** The PATCH body: exactly the fields the user added and filled, in Diga's names, and Clear Fields. */
function buildBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const empty: string[] = [];

	const nickname = fields[NICKNAME.name];
	if (nickname !== undefined) {
		if (typeof nickname !== 'string' && typeof nickname !== 'number') {
			throw new NodeOperationError(context.getNode(), `${NICKNAME.label} must be text`, {
				itemIndex,
				description: `The expression for "${NICKNAME.label}" gave ${JSON.stringify(nickname)}.`,
			});
		}
		if (String(nickname).trim() === '') empty.push(NICKNAME.label);
		else body[NICKNAME.api] = String(nickname);
	}
	for (const field of VERSION_FIELDS) {
		if (fields[field.name] === undefined) continue;
		body[field.api] = requireUuid(context, locatorValue(fields[field.name]).value, field.label, itemIndex);
	}

	applyClearFields(context, body, fields[CLEAR_FIELDS.name], CLEARABLE, itemIndex);
	return requireSomeField(context, body, FIELDS, itemIndex, empty);
}

interface PhoneUpdate {
	phoneId: string;
	body: IDataObject;
}

/** The fields (checked before the phone lookup) and the phone, before any phone of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<PhoneUpdate> {
	const body = buildBody(this, itemIndex);
	return { phoneId: await resolvePhoneId(this, run.phones, itemIndex), body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: PhoneUpdate): Promise<IDataObject> {
	const { phoneId, body } = prepared ?? (await prepare.call(this, itemIndex, run));
	const versions = VERSION_FIELDS.filter((field) => body[field.api] !== undefined)
		.map((field) => `${field.label} ${String(body[field.api])}`)
		.join(' or ');

	const previous = this.getNodeParameter('includePreviousValues', itemIndex, false) === true
		? await readPhone(run, phoneId, itemIndex)
		: undefined;

	const phone = await run.client.request<DigaPhone>(
		{ method: 'PATCH', path: `/v1/phone/${phoneId}`, body, expect: A_PHONE },
		{
			itemIndex,
			fields: FIELDS,
			// The spec lists no 404 for this path; PHONE_NUMBER_NOT_FOUND is its code for a missing phone elsewhere.
			notFound: {
				PHONE_NUMBER_NOT_FOUND: `Diga could not find phone ${phoneId} in this account`,
				default: versions
					? `Diga could not find phone ${phoneId} or the ${versions}`
					: `Diga could not find phone ${phoneId} in this account`,
			},
		},
	);
	return previous ? { ...phone, previous } : phone;
}
