import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { PHONE_FIELD } from '../../vocabulary/fields';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { DigaPhone } from '../../transport/types';
import { A_PHONE } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { buildSipConfig, INBOUND_CONFIG, OUTBOUND_CONFIG, SIP_FIELDS, sipConfigProperties } from './sipConfig';

export const option = {
	name: 'Update SIP Config',
	value: 'updateSipConfig',
	description: 'Change the SIP trunk settings of an imported number',
	action: 'Update the SIP trunk settings of a phone',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	{ ...phoneLocator, hint: 'Only imported numbers (your own SIP trunk) have a SIP configuration' },
	...sipConfigProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phone'], operation: ['updateSipConfig'] } },
	properties,
);

interface SipUpdate {
	phoneId: string;
	body: IDataObject;
}

/** The settings (checked before any request) and the phone, before any phone of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<SipUpdate> {
	// `PatchSipConfigRequestSchema`: exactly the settings the user added.
	const body = buildSipConfig(this, itemIndex, false);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No SIP setting to update', {
			itemIndex,
			description: `Add at least one setting under "${INBOUND_CONFIG.label}" or "${OUTBOUND_CONFIG.label}".`,
		});
	}
	return { phoneId: await resolvePhoneId(this, run.phones, itemIndex), body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: SipUpdate): Promise<IDataObject> {
	// The SIP password in the body is redacted from all the answer brings back (transport/client.ts).
	const { phoneId, body } = prepared ?? (await prepare.call(this, itemIndex, run));
	return await run.client.request<DigaPhone>(
		{ method: 'PATCH', path: `/v1/phone/${phoneId}/sip-config`, body, expect: A_PHONE },
		{
			itemIndex,
			fields: [PHONE_FIELD, ...SIP_FIELDS],
			notFound: { default: `Diga could not find phone ${phoneId} in this account` },
		},
	);
}
