import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import { unexpectedBodyError } from '../../transport/errors';
import { isPhone } from '../../transport/types';
import type { RunContext } from '../types';

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, [
	phoneLocator,
] as INodeProperties[]);

/** `GET /v1/phone/{phone_id}`, checked; also read by Update for its previous values. */
export async function readPhone(context: IExecuteFunctions, run: RunContext, phoneId: string, itemIndex: number): Promise<IDataObject> {
	const phone = await run.client.request<unknown>(
		{ method: 'GET', path: `/v1/phone/${phoneId}` },
		{ itemIndex, notFound: { default: `Diga could not find phone ${phoneId} in this account` } },
	);
	if (!isPhone(phone)) throw unexpectedBodyError(context.getNode(), 'a phone', phone, itemIndex);
	return phone;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	return await readPhone(this, run, await resolvePhoneId(this, run.phones, itemIndex), itemIndex);
}
