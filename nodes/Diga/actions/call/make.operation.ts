import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { phoneFieldLocator, versionLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import type { PhoneReference } from '../../helpers/input';
import { phoneReference, readLocator, readLocatorId, requirePhoneNumber } from '../../helpers/input';
import type { LostAnswerAdvice } from '../../transport/lostAnswer';
import type { DigaCall } from '../../transport/types';
import { A_CALL } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Make',
	value: 'make',
	description: 'Place an outbound call from one of your numbers with its AI agent',
	action: 'Make a call from a Diga line (rings the number now)',
} as const satisfies OperationOption;

/** The fields of `CallRequest`, in the order they are sent. */
const FROM = { name: 'from', api: 'from_number', label: 'From' } as const satisfies DigaField;
const TO = { name: 'to', api: 'to_number', label: 'To' } as const satisfies DigaField;
const VARIABLES = { name: 'dynamicVariables', api: 'dynamic_variables', label: 'Dynamic Variables' } as const satisfies DigaField;
const VERSION = { name: 'agentVersionId', api: 'agent_version_id', label: 'Agent Version' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [FROM, TO, VARIABLES, VERSION];

const properties: INodeProperties[] = [
	{ ...phoneFieldLocator(FROM, 'Your Diga line the call is placed from: its ID or its number, e.g. +34911234567. Its outbound agent talks unless you pick an Agent Version'), required: true },
	{
		displayName: TO.label,
		name: TO.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34612345678',
		description: 'The number to call, in international format with the leading + (Diga calls Spanish numbers only)',
	},
	{
		displayName: VARIABLES.label,
		name: VARIABLES.name,
		type: 'fixedCollection',
		placeholder: 'Add Variable',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Values for the variables in the agent’s prompt, e.g. the customer’s name',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The variable’s name in the prompt' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The variable’s value for this call. An expression that finds nothing fails the item: no call is placed without it.' },
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [versionLocator(VERSION, 'The agent version that talks on this call, instead of the line’s outbound agent')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['make'] } }, properties);

/** Diga takes the caller as a phone id or as an E.164 number: either goes as given (in any mode), checked, without a lookup. */
function readFrom(context: IExecuteFunctions, itemIndex: number): PhoneReference {
	return phoneReference(context, readLocator(context, FROM.name, itemIndex), FROM.label, itemIndex);
}

/** The caller as sent: its id or its number. */
const fromOf = (phone: PhoneReference): string => phone.id ?? phone.number;

function readVariables(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const { variable = [] } = context.getNodeParameter(VARIABLES.name, itemIndex, {}) as { variable?: Array<{ name?: unknown; value?: unknown }> };
	if (variable.length === 0) return undefined;
	const variables: IDataObject = {};
	for (const { name, value } of variable) {
		const key = typeof name === 'string' ? name.trim() : '';
		if (key === '') {
			throw new NodeOperationError(context.getNode(), `A dynamic variable has no name`, {
				itemIndex,
				description: `Give every entry under "${VARIABLES.label}" a name.`,
			});
		}
		if (value === undefined) {
			// An expression that found nothing (a field the item does not have): the call would go out without it.
			throw new NodeOperationError(context.getNode(), `Dynamic variable "${key}" has no value`, {
				itemIndex,
				description: `The expression of its Value found nothing in this item, so the call was not placed. Check the field it reads, or remove the variable to let the agent use its own value.`,
			});
		}
		variables[key] = value as IDataObject[string];
	}
	return variables;
}

function buildBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body: IDataObject = {
		[FROM.api]: fromOf(readFrom(context, itemIndex)),
		[TO.api]: requirePhoneNumber(context, String(context.getNodeParameter(TO.name, itemIndex, '') ?? ''), TO.label, itemIndex),
	};
	const variables = readVariables(context, itemIndex);
	if (variables) body[VARIABLES.api] = variables;
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additional[VERSION.name] !== undefined) {
		body[VERSION.api] = readLocatorId(context, `additionalFields.${VERSION.name}`, VERSION.label, itemIndex);
	}
	return body;
}

/** Checks the item and builds the body, before any call of the run is placed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return buildBody(this, itemIndex);
}

/** What to tell the user when Diga's answer to the POST is lost: the call may have been placed. */
function lostAnswerAdvice(from: string, to: string, sentAt: string, windowMs: number): LostAnswerAdvice {
	const minutes = windowMs / 60_000;
	const rerun = minutes > 0
		? `Running it again within ${minutes} minutes is safe: Skip Repeat Calls Within finds the call if Diga placed it, and outputs it instead of calling again.`
		: 'Skip Repeat Calls Within is 0 (off), so running it again calls again if Diga placed the call.';
	return {
		mayHave: `Diga may have placed the call from ${from} to ${to}`,
		check: `Call → Get Many with Phone ID of the line ${from}, Direction outbound and Created After ${sentAt}, and look for a call to ${to}. ${rerun}`,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? buildBody(this, itemIndex);
	const from = String(body[FROM.api]);
	const to = String(body[TO.api]);
	const caller: PhoneReference = phoneReference(this, { mode: 'id', value: from }, FROM.label, itemIndex);
	return await run.repeats.placeOnce(caller, to, itemIndex, async (recheck) => await run.client.request<DigaCall>(
		{
			method: 'POST',
			path: '/v1/call/',
			body,
			expect: A_CALL,
			lostAnswer: lostAnswerAdvice(from, to, new Date().toISOString(), run.repeats.windowMs),
			// A re-send after a 429 or 503 looks in Diga first: a gateway may have passed the first one on.
			beforeResend: recheck,
		},
		{
			itemIndex,
			fields: FIELDS,
			notFound: {
				PHONE_NUMBER_NOT_FOUND: `Diga has no phone ${from} in this account to call from`,
				default: body[VERSION.api] ? `Diga could not find phone ${from} or the ${VERSION.label} ${String(body[VERSION.api])}` : `Diga has no phone ${from} in this account to call from`,
			},
			// What Diga documents for `POST /v1/call/`; its own words stay in the error's description.
			byStatus: {
				400: `Diga refused to call ${to}: it only calls Spanish numbers (+34)`,
				403: `Diga refused the call from ${from}: the number is not verified yet, or the API key may not create calls`,
				412: `Diga cannot call from ${from}: the line has no SIP configuration. Set up its SIP trunk in Diga first.`,
			},
		},
	));
}
