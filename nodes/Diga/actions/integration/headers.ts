import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NodeContext } from '../../helpers/input';
import type { DigaField } from '../../vocabulary/fields';

/**
 * Custom headers of an integration or an HTTP tool: a list of name and value. Values are treated as
 * secrets (a header is where an API key goes): typed as passwords, never shown in output or errors
 * (transport/redact.ts redacts every `headers` value an answer brings back).
 */
export const HEADERS = { name: 'headers', api: 'headers', label: 'Headers' } as const satisfies DigaField;

/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const headersField = (description: string): INodeProperties => ({
	displayName: HEADERS.label,
	name: HEADERS.name,
	type: 'fixedCollection',
	placeholder: 'Add Header',
	typeOptions: { multipleValues: true },
	default: {},
	description,
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. X-Api-Key' },
				{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '', description: 'Kept secret: never shown in output or errors' },
			],
		},
	],
});

/**
 * The headers as Diga takes them (`{name: value}`), or `undefined` when the list is empty (nothing
 * is sent: an empty list must not wipe the headers). An expression may give a plain `{name: value}` object.
 */
export function readHeaders(context: NodeContext, raw: unknown, itemIndex: number): IDataObject | undefined {
	const entries = Array.isArray((raw as { header?: unknown } | undefined)?.header)
		? ((raw as { header: Array<{ name?: unknown; value?: unknown }> }).header)
		: raw && typeof raw === 'object' && !Array.isArray(raw) && !('header' in raw)
			? Object.entries(raw).map(([name, value]) => ({ name, value }))
			: undefined;
	if (!entries) throw new NodeOperationError(context.getNode(), `${HEADERS.label} must be a list of names and values`, { itemIndex });
	const headers: IDataObject = {};
	for (const [position, entry] of entries.entries()) {
		const name = String(entry.name ?? '').trim();
		if (!TOKEN.test(name)) {
			throw new NodeOperationError(context.getNode(), `${HEADERS.label}: header ${position + 1} has no valid name`, {
				itemIndex,
				description: `"${name.slice(0, 80)}" is not an HTTP header name: letters, digits and - _ . without spaces, e.g. X-Api-Key.`,
			});
		}
		if (Object.keys(headers).some((known) => known.toLowerCase() === name.toLowerCase())) {
			throw new NodeOperationError(context.getNode(), `${HEADERS.label}: "${name}" is given twice`, { itemIndex, description: 'Give each header once.' });
		}
		// The value is not echoed in errors: it may be a key.
		if (typeof entry.value !== 'string' && typeof entry.value !== 'number') {
			throw new NodeOperationError(context.getNode(), `${HEADERS.label}: the value of "${name}" must be text`, { itemIndex });
		}
		if (/[\r\n]/.test(String(entry.value))) {
			throw new NodeOperationError(context.getNode(), `${HEADERS.label}: the value of "${name}" has a line break`, { itemIndex, description: 'A header value is one line.' });
		}
		headers[name] = String(entry.value);
	}
	return Object.keys(headers).length ? headers : undefined;
}
