import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { PHONE_FIELD } from '../../vocabulary/fields';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import { isRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Release',
	value: 'release',
	description: 'Give a phone number up for good. Not reversible.',
	action: 'Release a phone number for good (irreversible)',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	{
		...phoneLocator,
		hint: 'Not reversible: the number stops being yours. Purchased numbers go at the end of the billing cycle, imported ones at once. Reserved and pending-verification numbers cannot be released.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['release'] } }, properties);

/** The phone to release (a number is looked up), before any phone of the run is released. */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<string> {
	return await resolvePhoneId(this, run.phones, itemIndex);
}

/**
 * After a lost answer (502, 504, a broken connection, the Timeout) the DELETE is sent again; if Diga
 * then says the phone is gone (404) or already released or finished, the first one did it.
 */
function releasedAlready(status: number, body: unknown): boolean {
	const message = isRecord(body) && typeof body.message === 'string' ? body.message : '';
	return status === 404 || (status >= 400 && status < 500 && /\b(released|finished)\b/i.test(message));
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: string): Promise<IDataObject> {
	const phoneId = prepared ?? (await resolvePhoneId(this, run.phones, itemIndex));
	// 204 No Content: Diga answers nothing, so the output says what was done.
	await run.client.request<unknown>(
		{ method: 'DELETE', path: `/v1/phone/${phoneId}`, doneAfterLostAnswer: releasedAlready },
		{
			itemIndex,
			fields: [{ ...PHONE_FIELD, api: 'id' }],
			notFound: { default: `Diga could not find phone ${phoneId} in this account` },
		},
	);
	return { id: phoneId, released: true };
}
