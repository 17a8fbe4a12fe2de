import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, textField } from '../../descriptions/collections';
import type { DigaField } from '../../vocabulary/fields';
import type { DigaPhone } from '../../transport/types';
import { A_PHONE } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { buildSipConfig, SIP_FIELDS, sipConfigProperties } from './sipConfig';

export const option = {
	name: 'Import',
	value: 'import',
	description: 'Bring your own number or SIP user from an external SIP trunk into Diga',
	action: 'Import a phone number from your SIP trunk',
} as const satisfies OperationOption;

/** `PostImportPhoneNumberRequestSchema`, besides the SIP sections. */
const PHONE_NUMBER = { name: 'phoneNumber', api: 'phone_number', label: 'Phone Number or SIP User' } as const satisfies DigaField;
const NICKNAME = { name: 'nickname', api: 'nickname', label: 'Nickname' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [PHONE_NUMBER, NICKNAME, ...SIP_FIELDS];

const properties: INodeProperties[] = [
	{
		displayName: PHONE_NUMBER.label,
		name: PHONE_NUMBER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34675897654 or user@domain.com',
		description: 'The number to import, in international format, or the SIP user identifier of your trunk',
	},
	additionalFields([textField(NICKNAME, 'A name for the number, shown in Diga next to it')]),
	...sipConfigProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['import'] } }, properties);

function buildBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const number = context.getNodeParameter(PHONE_NUMBER.name, itemIndex, '') as unknown;
	const phoneNumber = typeof number === 'string' || typeof number === 'number' ? String(number).trim() : '';
	if (phoneNumber === '') {
		throw new NodeOperationError(context.getNode(), `${PHONE_NUMBER.label} is empty`, {
			itemIndex,
			description: 'Give the number in international format (e.g. +34675897654) or the SIP user (e.g. user@domain.com).',
		});
	}
	const body: IDataObject = { [PHONE_NUMBER.api]: phoneNumber };
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additional[NICKNAME.name] !== undefined) body[NICKNAME.api] = String(additional[NICKNAME.name]);
	return { ...body, ...buildSipConfig(context, itemIndex, true) };
}

/** Checks the item and builds the body, before any number of the run is imported. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return buildBody(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? buildBody(this, itemIndex);
	const number = String(body[PHONE_NUMBER.api]);
	return await run.client.request<DigaPhone>(
		{
			method: 'POST',
			path: '/v1/phone/import',
			body,
			expect: A_PHONE,
			lostAnswer: {
				mayHave: `Diga may have imported ${number}`,
				check: `Phone → Get Many (or Diga's phone list) for a phone with the number ${number}; if it is there, do not import it again.`,
			},
		},
		{ itemIndex, fields: FIELDS },
	);
}
