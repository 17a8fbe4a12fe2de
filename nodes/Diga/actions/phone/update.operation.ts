import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator, versionLocator } from '../../descriptions/locators';
import { readLocatorId } from '../../helpers/locators';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import { unexpectedBodyError } from '../../transport/errors';
import { isPhone } from '../../transport/types';
import type { RunContext } from '../types';

const properties: INodeProperties[] = [
	phoneLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			versionLocator(
				'inboundVersionId',
				'Inbound Agent Version',
				'The agent version that answers calls to this number',
			),
			{
				displayName: 'Nickname',
				name: 'nickname',
				type: 'string',
				default: '',
				description: 'A name for the number, shown in Diga next to it',
			},
			versionLocator(
				'outboundVersionId',
				'Outbound Agent Version',
				'The agent version that places calls from this number',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phone'], operation: ['update'] } },
	properties,
);

/** UI field → Diga's field and label, in the order they are sent. */
const VERSION_FIELDS = [
	{ name: 'inboundVersionId', api: 'inbound_version_id', label: 'Inbound Agent Version' },
	{ name: 'outboundVersionId', api: 'outbound_version_id', label: 'Outbound Agent Version' },
] as const;

/** The PATCH body: exactly the fields the user added, in Diga's names. */
function buildBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};

	if (fields.nickname !== undefined) {
		const nickname = fields.nickname;
		if (typeof nickname !== 'string' && typeof nickname !== 'number') {
			throw new NodeOperationError(context.getNode(), 'Nickname must be text', {
				itemIndex,
				description: `The expression for "Nickname" gave ${JSON.stringify(nickname)}.`,
			});
		}
		body.nickname = String(nickname);
	}
	for (const field of VERSION_FIELDS) {
		if (fields[field.name] === undefined) continue;
		body[field.api] = readLocatorId(context, `updateFields.${field.name}`, field.label, itemIndex);
	}

	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(context.getNode(), 'No field to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields": Nickname, Inbound Agent Version or Outbound Agent Version.',
		});
	}
	return body;
}

/** Names what Diga could not find: the version its message mentions, else the phone, else all candidates. */
function describeMissing(phoneId: string, versions: Array<{ label: string; id: string }>, digaSays = ''): string {
	const said = digaSays.toLowerCase();
	const version = versions.find((candidate) => said.includes(candidate.id));
	if (version) return `Diga could not find the ${version.label} ${version.id}`;
	if (versions.length === 0 || said.includes(phoneId) || said.includes('phone')) {
		return `Diga could not find phone ${phoneId} in this account`;
	}
	const chosen = versions.map((candidate) => `${candidate.label} ${candidate.id}`).join(', ');
	return `Diga could not find phone ${phoneId} or the chosen agent version (${chosen})`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	// Validate everything the user typed before the phone lookup or the PATCH is sent.
	const body = buildBody(this, itemIndex);
	const phoneId = await resolvePhoneId(this, run.phones, itemIndex);
	const versions = VERSION_FIELDS.filter((field) => body[field.api] !== undefined).map((field) => ({
		label: field.label,
		id: String(body[field.api]),
	}));

	const phone = await run.client.request<unknown>(
		{ method: 'PATCH', path: `/v1/phone/${phoneId}`, body },
		{ itemIndex, notFound: (digaSays) => describeMissing(phoneId, versions, digaSays) },
	);
	if (!isPhone(phone)) throw unexpectedBodyError(this.getNode(), 'a phone', phone, itemIndex);
	return phone;
}
