import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { integrationLocator } from '../../descriptions/resourceLocators';
import type { NodeContext } from '../../helpers/input';
import { refuseInput } from '../../helpers/input';
import type { DigaField } from '../../vocabulary/fields';
import { HEADERS, headersField, readHeaders } from './headers';

/** The fields of `CreateIntegrationRequest` / `UpdateIntegrationRequest`, and the integration in the path. */
export const INTEGRATION = { name: 'integrationId', api: 'integration_id', label: 'Integration' } as const satisfies DigaField;
export const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;
export const TYPE = { name: 'integrationType', api: 'integration_type', label: 'Type' } as const satisfies DigaField;
export const BASE_URL = { name: 'baseUrl', api: 'base_url', label: 'Base URL' } as const satisfies DigaField;
export const DESCRIPTION = { name: 'description', api: 'description', label: 'Description' } as const satisfies DigaField;
export const AUTH_KEY = { name: 'authKey', api: 'auth_key', label: 'Auth Key' } as const satisfies DigaField;
export const INTEGRATION_FIELDS: readonly DigaField[] = [INTEGRATION, NAME, TYPE, BASE_URL, DESCRIPTION, AUTH_KEY, HEADERS];

export const integrationPicker = (description: string): INodeProperties => ({ ...integrationLocator(INTEGRATION, description), required: true });

export const notFound = (integrationId: string) => ({ default: `Diga could not find integration ${integrationId} in this account` });

export const baseUrlField = (required: boolean): INodeProperties => ({
	displayName: BASE_URL.label,
	name: BASE_URL.name,
	type: 'string',
	default: '',
	...(required ? { required: true } : {}),
	placeholder: 'e.g. https://api.example.com',
	description: 'Where Diga sends the tool requests (HTTP: each tool’s path is added to it), or the MCP server’s URL',
});

/** The optional fields Create and Update share: description, auth key, headers. */
export const optionalFields: INodeProperties[] = [
	{
		displayName: AUTH_KEY.label,
		name: AUTH_KEY.name,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'A bearer token or API key Diga sends to the integration. Kept secret: never shown in output or errors.',
	},
	{ displayName: DESCRIPTION.label, name: DESCRIPTION.name, type: 'string', default: '', description: 'What the integration is for, shown in Diga' },
	headersField('Headers Diga sends with every request to this integration. Values are kept secret.'),
];

/** A name, trimmed and not empty. */
export function readName(context: NodeContext, raw: unknown, itemIndex: number): string {
	const name = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	return name || refuseInput(context, itemIndex, `${NAME.label} is empty`, 'Give the integration a name, e.g. Order system.');
}

/** An absolute http(s) URL. */
export function readBaseUrl(context: NodeContext, raw: unknown, itemIndex: number): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol)) return refuseInput(context, itemIndex, `${BASE_URL.label} is not an http(s) URL: "${text.slice(0, 200)}"`, 'Give the full address, e.g. https://api.example.com.');
	// Diga shows the Base URL in every answer: a password in it would be in the output (the URL is not echoed here either).
	if (url.username || url.password) return refuseInput(context, itemIndex, `${BASE_URL.label} contains a user name or password`, `Put the key in ${AUTH_KEY.label} or a header instead: Diga shows the Base URL in every answer.`);
	return text;
}

/** The optional fields the user added, in Diga's names; an empty Auth Key or header list sends nothing. */
export function readOptionalFields(context: NodeContext, fields: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	if (fields[DESCRIPTION.name] !== undefined) body[DESCRIPTION.api] = fields[DESCRIPTION.name] === null ? null : String(fields[DESCRIPTION.name]);
	// A key pasted with a line break or spaces around it: Diga would send them in `Authorization: Bearer …`.
	const authKey = typeof fields[AUTH_KEY.name] === 'string' ? (fields[AUTH_KEY.name] as string).trim() : fields[AUTH_KEY.name];
	if (typeof authKey === 'string' && authKey !== '') body[AUTH_KEY.api] = authKey;
	else if (authKey !== undefined && authKey !== '' && authKey !== null) refuseInput(context, itemIndex, `${AUTH_KEY.label} must be text`, `Check the expression for "${AUTH_KEY.label}".`);
	if (fields[HEADERS.name] !== undefined) {
		const headers = readHeaders(context, fields[HEADERS.name], itemIndex);
		if (headers) body[HEADERS.api] = headers;
	}
	return body;
}
