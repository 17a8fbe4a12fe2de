import type { IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { E164_REGEX, UUID_REGEX } from '../vocabulary/formats';
import { CLEAR_FIELDS } from '../vocabulary/fields';
import { canonicalPhoneNumber } from '../vocabulary/phoneNumbers';

const uuid = new RegExp(UUID_REGEX);
const e164 = new RegExp(E164_REGEX);

/** What the checks below need from n8n: the node, to name it in errors (any node context has it). */
export type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

export interface LocatorValue {
	mode: string;
	value: string;
}

/**
 * A resource locator as the user left it. Expressions may yield a bare string instead of
 * `{__rl, mode, value}`; that is taken as an id.
 */
export function readLocator(context: IExecuteFunctions, path: string, itemIndex: number): LocatorValue {
	return locatorValue(context.getNodeParameter(path, itemIndex, ''));
}

/** A locator already read, e.g. inside a collection (reading it again would evaluate its expression again). */
export function locatorValue(raw: unknown): LocatorValue {
	if (raw && typeof raw === 'object' && 'value' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		return { mode: typeof mode === 'string' ? mode : 'id', value: value === undefined || value === null ? '' : String(value).trim() };
	}
	return { mode: 'id', value: raw === undefined || raw === null ? '' : String(raw).trim() };
}

/** A `NodeOperationError` for what the user typed: the message names the field, the description says how to fix it. */
export function refuseInput(context: NodeContext, itemIndex: number | undefined, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** Whether the value is written as a Diga id (a UUID). */
export function isUuid(value: string): boolean {
	return uuid.test(value);
}

/** The value as a Diga id, or a `NodeOperationError` naming the field and the item. */
export function requireUuid(context: NodeContext, value: string, field: string, itemIndex?: number): string {
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `${field} is empty`, {
			itemIndex,
			description: `Pick a value from the list or enter an ID for "${field}".`,
		});
	}
	if (!uuid.test(value)) {
		throw new NodeOperationError(context.getNode(), `${field} is not a valid ID: "${value.slice(0, 80)}"`, {
			itemIndex,
			description: `"${field}" must be a Diga ID (a UUID such as 123e4567-e89b-12d3-a456-426614174000).`,
		});
	}
	return value.toLowerCase();
}

/** The number as E.164 (`+34911234567`), or a `NodeOperationError` naming the field and the item. */
export function requirePhoneNumber(context: NodeContext, value: string, field: string, itemIndex?: number): string {
	const normalized = canonicalPhoneNumber(value);
	if (!e164.test(value) || !/^\+[1-9]\d{6,14}$/.test(normalized)) {
		throw new NodeOperationError(context.getNode(), `${field} is not a phone number in international format: "${value.slice(0, 80)}"`, {
			itemIndex,
			description: `Write the number with its country code and a leading +, e.g. +34911234567.`,
		});
	}
	return normalized;
}

/** What a phone field names: a phone id, or a number (E.164) whose record Diga or a look-up finds. */
export type PhoneReference = { id: string; number?: undefined } | { number: string; id?: undefined };

/**
 * A phone field's value, whatever its mode: an id is taken as an id, and a number (a leading +;
 * in By Number anything but an id) as a number. As an AI Agent tool the value comes from a model,
 * which knows numbers rather than ids and may fill any mode; an expression may too.
 */
export function phoneReference(context: NodeContext, { mode, value }: LocatorValue, field: string, itemIndex?: number): PhoneReference {
	const byNumber = mode === 'number' ? !isUuid(value) : value.startsWith('+');
	return byNumber ? { number: requirePhoneNumber(context, value, field, itemIndex) } : { id: requireUuid(context, value, field, itemIndex) };
}

/** A resource locator's value as a Diga id. */
export function readLocatorId(context: IExecuteFunctions, path: string, field: string, itemIndex: number): string {
	return requireUuid(context, readLocator(context, path, itemIndex).value, field, itemIndex);
}

/** A date and time as Diga takes it (ISO 8601), from a picked date, an ISO string or a Date. */
export function requireDateTime(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '' || !/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) {
		throw new NodeOperationError(context.getNode(), `${field} is not a date and time: ${JSON.stringify(value)}`, {
			itemIndex,
			description: `Pick a date, or give an ISO 8601 date and time such as 2026-01-31T18:00:00Z.`,
		});
	}
	return text;
}

/**
 * The one reading of a number a user typed or an expression gave: a finite number, or text written
 * as a decimal number (`12`, ` 7.5 `, `-3`). Anything else is `undefined`, including what
 * JavaScript's `Number()` would take: `"0x10"` (16), `"1e3"`, `""` and `" "` (0), `true` (1).
 */
export function readDecimal(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
}

/** The one reading of JSON text a user typed: its value, or `undefined` when the text is not JSON (empty text included). */
export function readJsonText(text: string): { value: unknown } | undefined {
	const NOT_JSON = Symbol('not JSON');
	const value = jsonParse<unknown>(text.trim(), { fallbackValue: NOT_JSON });
	return text.trim() === '' || value === NOT_JSON ? undefined : { value };
}

/** `undefined` for "all", else the limit the user set, checked. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = readDecimal(context.getNodeParameter('limit', itemIndex, 50));
	if (limit === undefined || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(context.getNode(), `Limit must be a whole number of at least 1`, {
			itemIndex,
			description: `It is ${JSON.stringify(context.getNodeParameter('limit', itemIndex, 50))}.`,
		});
	}
	return limit;
}

/**
 * An update must change something: with no field to send, say which fields there are, and which of
 * those added were left out because they were empty (`empty`: their labels).
 */
export function requireSomeField<T extends object>(context: NodeContext, body: T, fields: ReadonlyArray<{ label: string }>, itemIndex: number, empty: string[] = []): T {
	if (Object.keys(body).length > 0) return body;
	throw new NodeOperationError(context.getNode(), 'No field to update', {
		itemIndex,
		description: empty.length
			? `${empty.join(', ')} ${empty.length > 1 ? 'are' : 'is'} empty, and an empty field is not sent: give ${empty.length > 1 ? 'them values, or pick them' : 'it a value, or pick it'} under "${CLEAR_FIELDS.label}" to empty ${empty.length > 1 ? 'them' : 'it'} in Diga.`
			: `Add at least one field under "Update Fields": ${fields.map((field) => field.label).join(', ')}.`,
	});
}

/** A field an update may empty in Diga, and what Diga takes as empty for it (`[]`, `""`, `{}`). */
export interface Clearable {
	field: { name: string; api: string; label: string };
	empty: unknown;
}

/**
 * Puts into `body` the empty value of each field picked under Clear Fields (`picked`: the
 * parameter's value). A field that also has a value in `body` is refused: the user asked for both.
 */
export function applyClearFields(context: NodeContext, body: Record<string, unknown>, picked: unknown, clearable: readonly Clearable[], itemIndex: number): void {
	const names = Array.isArray(picked) ? picked : isEmptyValue(picked) ? [] : [picked];
	for (const name of names) {
		const clear = clearable.find((entry) => entry.field.name === name);
		if (!clear) {
			throw new NodeOperationError(context.getNode(), `${CLEAR_FIELDS.label} cannot empty "${String(name)}"`, {
				itemIndex,
				description: `It can empty ${clearable.map((entry) => entry.field.label).join(', ')}.`,
			});
		}
		if (body[clear.field.api] !== undefined) {
			throw new NodeOperationError(context.getNode(), `${clear.field.label} is both given and picked under ${CLEAR_FIELDS.label}`, {
				itemIndex,
				description: `Either give "${clear.field.label}" a value or empty it with ${CLEAR_FIELDS.label}, not both.`,
			});
		}
		body[clear.field.api] = clear.empty;
	}
}

/** Whether a value a user or an expression gave is empty: nothing to send (empty or blank text, `[]`, `{}`, `null`). */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
}

/**
 * A list of Diga IDs as an expression or a user gives it: an array (of IDs, or of locators), JSON
 * text of one (`["…","…"]`), or IDs separated by commas, semicolons, spaces or line breaks. Each
 * is checked; repeats are dropped. Empty (see `isEmptyValue`, `"[]"` included) is `[]`.
 */
export function readIdText(context: NodeContext, raw: unknown, field: string, itemIndex: number): string[] {
	return checkIds(context, idValues(context, raw, field, itemIndex), field, itemIndex);
}

function idValues(context: NodeContext, raw: unknown, field: string, itemIndex: number): unknown[] {
	if (isEmptyValue(raw)) return [];
	if (Array.isArray(raw)) return raw.map((entry) => (entry && typeof entry === 'object' && 'value' in entry ? (entry as { value: unknown }).value : entry));
	if (typeof raw === 'string' && raw.trim().startsWith('[')) {
		const json = readJsonText(raw)?.value;
		if (Array.isArray(json)) return idValues(context, json, field, itemIndex);
	} else if (typeof raw === 'string' || typeof raw === 'number') {
		return String(raw).split(/[\s,;]+/).filter((id) => id !== '');
	}
	throw new NodeOperationError(context.getNode(), `${field} must be a list of IDs`, {
		itemIndex,
		description: `"${field}" is ${JSON.stringify(raw)?.slice(0, 200)}. Give a list such as {{ $json.ids }} (an array), ["id1","id2"] or id1, id2.`,
	});
}

function checkIds(context: NodeContext, values: unknown[], field: string, itemIndex: number): string[] {
	const ids = values.map((value, position) => {
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw new NodeOperationError(context.getNode(), `${field} (entry ${position + 1}) is not an ID: ${JSON.stringify(value)?.slice(0, 80)}`, { itemIndex });
		}
		return requireUuid(context, String(value).trim(), `${field} (entry ${position + 1})`, itemIndex);
	});
	return [...new Set(ids)];
}

/**
 * The ids of an `idListField` (descriptions/idLists.ts) as read from its collection, each checked;
 * `[]` when it has no entry. An entry's locator set by an expression may give several IDs (a list,
 * as `readIdText` reads it): n8n keeps an expression there, while it drops one set on the whole
 * collection (the collection then arrives as `{}`: no entry).
 */
export function readIdList(context: NodeContext, raw: unknown, field: string, itemIndex: number): string[] {
	const entries = (raw as { entries?: unknown } | undefined)?.entries ?? [];
	if (!Array.isArray(entries)) throw new NodeOperationError(context.getNode(), `${field} must be a list of IDs`, { itemIndex });
	const values = entries.flatMap((entry: { id?: unknown } | undefined) => {
		const id = entry?.id;
		const value = id && typeof id === 'object' && 'value' in id ? (id as { value: unknown }).value : id;
		// One ID per entry, as picked or typed; a list only where an expression gave one.
		return Array.isArray(value) || (typeof value === 'string' && /[[,;\s]/.test(value.trim())) ? idValues(context, value, field, itemIndex) : [value ?? ''];
	});
	return checkIds(context, values, field, itemIndex);
}

/** A list given two ways: picked (`idListField`) or as IDs (`idTextField`), both in `source`. */
export interface IdListPair {
	picked: { name: string; label: string };
	typed: { name: string; label: string };
}

/**
 * The IDs of an `IdListPair`, or `undefined` when neither holds any: an empty list is never a
 * list to send. Both holding IDs is refused (which one the user meant is not clear).
 */
export function readIdListPair(context: NodeContext, source: Record<string, unknown>, pair: IdListPair, itemIndex: number): string[] | undefined {
	const picked = readIdList(context, source[pair.picked.name], pair.picked.label, itemIndex);
	const typed = readIdText(context, source[pair.typed.name], pair.typed.label, itemIndex);
	if (picked.length && typed.length) throw bothGiven(context, pair.picked.label, pair.typed.label, itemIndex);
	return picked.length ? picked : typed.length ? typed : undefined;
}

/** Two fields that set one Diga field (a list picked, and the same list as IDs) both hold a value. */
export function bothGiven(context: NodeContext, first: string, second: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${first} and ${second} are both given`, {
		itemIndex,
		description: `Both set the same field in Diga: give the list one way, under "${first}" or under "${second}".`,
	});
}

/**
 * A yes/no field as a boolean: `true`/`false`, or the text `"true"`/`"false"` an expression or an AI
 * agent may give (any case, spaces around it). Anything else fails naming the field, rather than
 * silently reading as false.
 */
export function requireBoolean(context: NodeContext, raw: unknown, field: string, itemIndex: number): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	throw new NodeOperationError(context.getNode(), `${field} must be true or false`, { itemIndex, description: `It is ${JSON.stringify(raw)?.slice(0, 80)}.` });
}
