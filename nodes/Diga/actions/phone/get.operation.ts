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

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const phoneId = await resolvePhoneId(this, run.phones, itemIndex);
	const phone = await run.client.request<unknown>(
		{ method: 'GET', path: `/v1/phone/${phoneId}` },
		{ itemIndex, notFound: { default: `Diga could not find phone ${phoneId} in this account` } },
	);
	if (!isPhone(phone)) throw unexpectedBodyError(this.getNode(), 'a phone', phone, itemIndex);
	return phone;
}
