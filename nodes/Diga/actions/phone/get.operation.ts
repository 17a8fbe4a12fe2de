import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { DigaPhone } from '../../transport/types';
import { A_PHONE } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a phone number by ID or by number',
	action: 'Get a phone by ID or number',
} as const satisfies OperationOption;

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, [
	phoneLocator,
] as INodeProperties[]);

/** `GET /v1/phone/{phone_id}`, checked; also read by Update for its previous values. */
export async function readPhone(run: RunContext, phoneId: string, itemIndex: number): Promise<IDataObject> {
	return await run.client.request<DigaPhone>(
		{ method: 'GET', path: `/v1/phone/${phoneId}`, expect: A_PHONE },
		{ itemIndex, notFound: { default: `Diga could not find phone ${phoneId} in this account` } },
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	return await readPhone(run, await resolvePhoneId(this, run.phones, itemIndex), itemIndex);
}
