import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator, phoneFieldLocator, versionLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { publishVersion } from '../../helpers/agentRelease';
import { readLocatorId } from '../../helpers/input';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Publish Version',
	value: 'publishVersion',
	description: 'Make one version of an agent the live one, optionally on an inbound and an outbound phone',
	action: 'Publish an agent version, optionally on phones',
} as const satisfies OperationOption;

/** `PublishAgentRequest`, and the agent in the path. */
const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const VERSION = { name: 'versionId', api: 'version_id', label: 'Version to Publish' } as const satisfies DigaField;
const INBOUND_PHONE = { name: 'inboundPhoneId', api: 'inbound_phone_number_id', label: 'Inbound Phone' } as const satisfies DigaField;
const OUTBOUND_PHONE = { name: 'outboundPhoneId', api: 'outbound_phone_number_id', label: 'Outbound Phone' } as const satisfies DigaField;
const PHONES = [INBOUND_PHONE, OUTBOUND_PHONE];
const FIELDS: readonly DigaField[] = [AGENT, VERSION, ...PHONES];

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose version to publish, by its Diga ID'), required: true },
	{
		...versionLocator(VERSION, 'The version of this agent that goes live on calls, by its version ID. The list shows the versions of the agent chosen above.'),
		required: true,
	},
	{
		displayName: 'Phones',
		name: 'phones',
		type: 'collection',
		placeholder: 'Add Phone',
		default: {},
		options: [
			phoneFieldLocator(INBOUND_PHONE, 'A phone whose incoming calls this version answers: its ID or its number, e.g. +34911234567'),
			phoneFieldLocator(OUTBOUND_PHONE, 'A phone this version places its calls from: its ID or its number, e.g. +34911234567'),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['publishVersion'] } }, properties);

interface Publication {
	agentId: string;
	body: IDataObject & { version_id: string };
}

/** The agent, the version and the phones (numbers looked up), before any agent of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<Publication> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	// Always sent: without a version_id Diga unpublishes the agent instead.
	const body: Publication['body'] = { [VERSION.api]: readLocatorId(this, VERSION.name, VERSION.label, itemIndex) };
	const phones = this.getNodeParameter('phones', itemIndex, {}) as IDataObject;
	for (const phone of PHONES) {
		if (phones[phone.name] === undefined) continue;
		body[phone.api] = await resolvePhoneId(this, run.phones, itemIndex, { name: `phones.${phone.name}`, label: phone.label });
	}
	return { agentId, body };
}

/** A PATCH that sets the published version: the same body twice leaves Diga the same, so it is retried like a read. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: Publication): Promise<IDataObject> {
	const { agentId, body } = prepared ?? (await prepare.call(this, itemIndex, run));

	return await publishVersion(run.client, agentId, body, { itemIndex, fields: FIELDS });
}
