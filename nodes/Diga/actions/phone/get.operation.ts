import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { DigaPhone } from '../../transport/types';
import { isPhone } from '../../transport/types';
import type { RunContext } from '../types';

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, [
	phoneLocator,
] as INodeProperties[]);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const phoneId = await resolvePhoneId(this, run.phones, itemIndex);
	return await run.client.request<DigaPhone>(
		{ method: 'GET', path: `/v1/phone/${phoneId}`, expect: { what: 'a phone', is: isPhone } },
		{ itemIndex, notFound: { default: `Diga could not find phone ${phoneId} in this account` } },
	);
}
