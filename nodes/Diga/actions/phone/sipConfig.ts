import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';
import { isRecord } from '../../transport/types';
import { refuseInput } from '../../helpers/input';

/**
 * The SIP trunk settings of an imported phone, shared by Phone → Import
 * (`InboundConfigSchema` / `OutboundConfigSchema`) and Phone → Update SIP Config (their
 * `…UpdateSchema` forms): two collections, and only the fields the user added are sent.
 */
export const INBOUND_CONFIG = { name: 'inboundConfig', api: 'inbound_config', label: 'Inbound SIP Configuration' } as const satisfies DigaField;
export const OUTBOUND_CONFIG = { name: 'outboundConfig', api: 'outbound_config', label: 'Outbound SIP Configuration' } as const satisfies DigaField;
const MEDIA_ENCRYPTION = { name: 'mediaEncryption', api: 'media_encryption', label: 'Media Encryption' } as const satisfies DigaField;
const ALLOWED_ADDRESSES = { name: 'allowedAddresses', api: 'allowed_addresses', label: 'Allowed Addresses' } as const satisfies DigaField;
const TERMINATION_URI = { name: 'terminationUri', api: 'termination_uri', label: 'Termination URI' } as const satisfies DigaField;
const USERNAME = { name: 'username', api: 'username', label: 'SIP Username' } as const satisfies DigaField;
const PASSWORD = { name: 'password', api: 'password', label: 'SIP Password' } as const satisfies DigaField;
/** Sends `allowed_addresses: []` (Diga: all traffic), the explicit form of an empty list, which is never sent. */
const ANY_ADDRESS = { name: 'acceptAnyAddress', api: 'allowed_addresses', label: 'Accept Any Address' } as const satisfies DigaField;

/** Every SIP field, so a 422 names the field the user filled in. */
export const SIP_FIELDS: readonly DigaField[] = [
	INBOUND_CONFIG,
	OUTBOUND_CONFIG,
	MEDIA_ENCRYPTION,
	ALLOWED_ADDRESSES,
	ANY_ADDRESS,
	TERMINATION_URI,
	USERNAME,
	PASSWORD,
];

const ENCRYPTIONS = ['disable', 'allow', 'require'];

const mediaEncryption = (direction: string): INodeProperties => ({
	displayName: MEDIA_ENCRYPTION.label,
	name: MEDIA_ENCRYPTION.name,
	type: 'options',
	default: 'allow',
	description: `Whether ${direction} calls encrypt their media (SRTP)`,
	options: [
		{ name: 'Allow', value: 'allow', description: 'Encrypt when the other side offers it' },
		{ name: 'Disable', value: 'disable', description: 'Never encrypt' },
		{ name: 'Require', value: 'require', description: 'Only encrypted calls' },
	],
});

export const sipConfigProperties: INodeProperties[] = [
	{
		displayName: INBOUND_CONFIG.label,
		name: INBOUND_CONFIG.name,
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'How Diga accepts calls to this number from your SIP trunk',
		options: [
			{
				displayName: ALLOWED_ADDRESSES.label,
				name: ALLOWED_ADDRESSES.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. 192.168.1.0/24, 10.0.0.1',
				description: 'IP addresses or CIDR blocks allowed to send SIP traffic, separated by commas. Empty is not sent (to accept all traffic, use Accept Any Address).',
			},
			{
				displayName: ANY_ADDRESS.label,
				name: ANY_ADDRESS.name,
				type: 'boolean',
				default: false,
				description: 'Whether to accept SIP traffic from any address (Diga’s empty Allowed Addresses), instead of a list',
			},
			mediaEncryption('inbound'),
		],
	},
	{
		displayName: OUTBOUND_CONFIG.label,
		name: OUTBOUND_CONFIG.name,
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'How Diga places calls from this number through your SIP trunk',
		options: [
			mediaEncryption('outbound'),
			{
				displayName: PASSWORD.label,
				name: PASSWORD.name,
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The SIP trunk password for digest authentication. Never shown in output or errors. Empty is not sent.',
			},
			{
				displayName: USERNAME.label,
				name: USERNAME.name,
				type: 'string',
				default: '',
				description: 'The SIP trunk username for digest authentication. Empty is not sent.',
			},
			{
				displayName: TERMINATION_URI.label,
				name: TERMINATION_URI.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. mysipuri.pstn.twilio.com',
				description: 'Host name or IP address SIP INVITEs for outbound calls go to, without sip: or sips:',
			},
		],
	},
];

function text(context: IExecuteFunctions, itemIndex: number, value: unknown, field: DigaField): string {
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	// The value is not echoed: it may be the SIP password.
	return refuseInput(context, itemIndex, `${field.label} must be text`, `Check the expression for "${field.label}".`);
}

function encryption(context: IExecuteFunctions, itemIndex: number, value: unknown, section: DigaField): string {
	if (typeof value === 'string' && ENCRYPTIONS.includes(value)) return value;
	return refuseInput(context, itemIndex, `${section.label} → ${MEDIA_ENCRYPTION.label} must be one of ${ENCRYPTIONS.join(', ')}`, `It is ${JSON.stringify(value)}.`);
}

function addresses(context: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!list) return refuseInput(context, itemIndex, `${ALLOWED_ADDRESSES.label} must be a list of addresses`, `It is ${JSON.stringify(value)}.`);
	return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

function readSection(context: IExecuteFunctions, itemIndex: number, section: DigaField): IDataObject {
	const value = context.getNodeParameter(section.name, itemIndex, {}) as unknown;
	return isRecord(value) ? value : {};
}

/** Allowed Addresses, or Accept Any Address's `[]`; `undefined` when neither asks for a list (an empty one is not sent). */
function allowedAddresses(context: IExecuteFunctions, itemIndex: number, inbound: IDataObject): string[] | undefined {
	const list = inbound[ALLOWED_ADDRESSES.name] === undefined ? [] : addresses(context, itemIndex, inbound[ALLOWED_ADDRESSES.name]);
	if (inbound[ANY_ADDRESS.name] !== true) return list.length ? list : undefined;
	if (list.length) {
		refuseInput(context, itemIndex, `${ALLOWED_ADDRESSES.label} and ${ANY_ADDRESS.label} are both set`, `Either list the addresses allowed, or accept any address, not both.`);
	}
	return [];
}

/**
 * `inbound_config` and `outbound_config` as the user filled them in: only sections and fields
 * the user added and filled (an empty text or list would wipe a setting: it is not sent).
 * `requireTerminationUri`: an outbound section must name its trunk (import).
 */
export function buildSipConfig(context: IExecuteFunctions, itemIndex: number, requireTerminationUri: boolean): IDataObject {
	const body: IDataObject = {};

	const inbound = readSection(context, itemIndex, INBOUND_CONFIG);
	const inboundBody: IDataObject = {};
	if (inbound[MEDIA_ENCRYPTION.name] !== undefined) {
		inboundBody[MEDIA_ENCRYPTION.api] = encryption(context, itemIndex, inbound[MEDIA_ENCRYPTION.name], INBOUND_CONFIG);
	}
	const allowed = allowedAddresses(context, itemIndex, inbound);
	if (allowed) inboundBody[ALLOWED_ADDRESSES.api] = allowed;
	if (Object.keys(inboundBody).length) body[INBOUND_CONFIG.api] = inboundBody;

	const outbound = readSection(context, itemIndex, OUTBOUND_CONFIG);
	const outboundBody: IDataObject = {};
	if (outbound[TERMINATION_URI.name] !== undefined) {
		const uri = text(context, itemIndex, outbound[TERMINATION_URI.name], TERMINATION_URI).trim();
		if (/^sips?:/i.test(uri)) {
			refuseInput(context, itemIndex, `${TERMINATION_URI.label} must not start with sip: or sips:`, `Give only the host name or IP, e.g. ${uri.replace(/^sips?:/i, '')}.`);
		}
		if (uri !== '') outboundBody[TERMINATION_URI.api] = uri;
	}
	for (const field of [USERNAME, PASSWORD]) {
		if (outbound[field.name] === undefined) continue;
		const value = text(context, itemIndex, outbound[field.name], field);
		if (value.trim() !== '') outboundBody[field.api] = value;
	}
	if (outbound[MEDIA_ENCRYPTION.name] !== undefined) {
		outboundBody[MEDIA_ENCRYPTION.api] = encryption(context, itemIndex, outbound[MEDIA_ENCRYPTION.name], OUTBOUND_CONFIG);
	}
	// On import, an outbound section the user added (even left empty) must name its trunk.
	if (Object.keys(requireTerminationUri ? outbound : outboundBody).length) {
		if (requireTerminationUri && !outboundBody[TERMINATION_URI.api]) {
			refuseInput(context, itemIndex, `${OUTBOUND_CONFIG.label} needs a ${TERMINATION_URI.label}`, 'Add the Termination URI of your SIP trunk, or remove the outbound settings to import the number for inbound calls only.');
		}
		body[OUTBOUND_CONFIG.api] = outboundBody;
	}
	return body;
}
