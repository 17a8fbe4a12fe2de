import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { applyClearFields, bothGiven, isEmptyValue, locatorValue, readDecimal, readIdList, readIdText, readJsonText, readLocatorId, requireSomeField, requireUuid } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import { aRecord } from '../../transport/types';
import { updateFields } from '../../descriptions/collections';
import type { OperationOption, RunContext } from '../types';
import type { DraftField } from './draftFields';
import { CLEARABLE, draftFieldOptions, DRAFT_FIELDS, LANGUAGES, VOICEMAIL_ACTIONS } from './draftFields';
import { CLEAR_FIELDS } from '../../vocabulary/fields';
import type { AssignmentChange } from '../../helpers/integrationAssignments';
import { integrationToolProperties, readToolChange, updateDraftAndTools } from './integrationTools';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Change the draft of an agent: its prompt, greeting, voice and call settings',
	action: 'Update an agent’s draft (prompt, greeting, voice…)',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const AN_AGENT = aRecord('an agent', 'agent_id');

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose draft to change, by its Diga ID. Calls keep using the published version until a version launched from this draft is published.'), required: true },
	updateFields(draftFieldOptions),
	...integrationToolProperties,
	{
		displayName: 'Include Previous Values',
		name: 'includePreviousValues',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the draft just before changing it and output it under "previous", so a later step can restore it. Costs one more request per item.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['update'] } }, properties);

/**
 * A value that is not sent: an empty field (a text, a list, Dynamic Variables) leaves the draft as
 * it is. It may be a field added and left at its default, or an expression that found nothing;
 * emptying a field in Diga is the explicit Clear Fields.
 */
const NOT_SENT = Symbol('not sent');

/** The kinds whose value is a list: `null` is an empty list for them, not a value to send. */
const LISTS: ReadonlySet<DraftField['kind']> = new Set(['texts', 'ids', 'idText', 'callTools']);

/**
 * Reminder Messages as a list of texts: the UI's list, or one text, or JSON text of a list
 * (`["a","b"]`, e.g. from an expression), each entry possibly such a list itself. Empty
 * messages are dropped: an empty field is an empty list, which is not sent.
 */
function readTexts(raw: unknown): string[] | undefined {
	const entries = Array.isArray(raw) ? raw : [raw];
	const texts: string[] = [];
	for (const entry of entries) {
		const json = typeof entry === 'string' && entry.trim().startsWith('[') ? readJsonText(entry) : undefined;
		const list = Array.isArray(entry) ? entry : Array.isArray(json?.value) ? json.value : [entry];
		if (!list.every((text): text is string => typeof text === 'string')) return undefined;
		texts.push(...list.filter((text) => text.trim() !== ''));
	}
	return texts;
}

/** One field's value as Diga takes it, or a `NodeOperationError` naming the field and what it got. */
function checkValue(context: IExecuteFunctions, field: DraftField, raw: unknown, itemIndex: number): unknown {
	const wrong = (expected: string) =>
		new NodeOperationError(context.getNode(), `${field.label} must be ${expected}`, {
			itemIndex,
			description: `"${field.label}" is ${JSON.stringify(raw)?.slice(0, 200)}.`,
		});
	if (LISTS.has(field.kind) && isEmptyValue(raw)) return NOT_SENT;
	if ((field.kind === 'text' || field.kind === 'keys') && typeof raw === 'string' && raw.trim() === '') return NOT_SENT;
	if (raw === null) {
		if (field.nullable) return null; // an expression gave null: clears the field, e.g. when restoring a draft
		throw wrong('set (Diga cannot clear it)');
	}
	const numeric = readDecimal(raw);
	const wholeIn = (min: number, max: number) => typeof numeric === 'number' && Number.isInteger(numeric) && numeric >= min && numeric <= max;
	switch (field.kind) {
		case 'text':
			if (typeof raw === 'string' || typeof raw === 'number') return String(raw);
			throw wrong('text');
		case 'seconds':
			if (typeof numeric === 'number' && Number.isFinite(numeric) && numeric >= 0) return numeric;
			throw wrong('a number of seconds, 0 or more');
		case 'volume':
			if (wholeIn(0, 100)) return numeric;
			throw wrong('a whole number from 0 to 100');
		case 'count':
			if (wholeIn(0, Number.MAX_SAFE_INTEGER)) return numeric;
			throw wrong('a whole number, 0 or more');
		case 'milliseconds':
			if (wholeIn(1, Number.MAX_SAFE_INTEGER)) return numeric;
			throw wrong('a whole number of milliseconds, 1 or more');
		case 'language':
			if (typeof raw === 'string' && raw in LANGUAGES) return raw;
			throw wrong(`one of Diga's language codes (${Object.keys(LANGUAGES).join(', ')})`);
		case 'voicemailAction':
			if (typeof raw === 'string' && raw in VOICEMAIL_ACTIONS) return raw;
			throw wrong(`one of ${Object.keys(VOICEMAIL_ACTIONS).join(', ')}`);
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			throw wrong('true or false');
		case 'voice':
			return requireUuid(context, locatorValue(raw).value, field.label, itemIndex);
		case 'object': {
			// Empty (the field's default `{}`, or nothing) sends nothing: it would wipe the agent's variables. null clears them.
			if (typeof raw === 'string' && raw.trim() === '') return NOT_SENT;
			const parsed = typeof raw === 'string' ? readJsonText(raw)?.value : raw;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return Object.keys(parsed).length ? parsed : NOT_SENT;
			throw wrong('a JSON object, e.g. {"company": "Acme"}');
		}
		case 'choice':
			if (typeof raw === 'string' && field.choices && raw in field.choices) return raw;
			throw wrong(`one of ${Object.keys(field.choices ?? {}).join(', ')}`);
		case 'ids': {
			const ids = readIdList(context, raw, field.label, itemIndex);
			return ids.length ? ids : NOT_SENT;
		}
		case 'idText': {
			const ids = readIdText(context, raw, field.label, itemIndex);
			return ids.length ? ids : NOT_SENT;
		}
		case 'keys':
			if (typeof raw === 'string' && /^\s*[0-9*#](\s*,\s*[0-9*#])*\s*$/.test(raw)) return raw.replace(/\s/g, '');
			throw wrong('keys 0-9, * or #, separated by commas, e.g. 1,3,5');
		case 'callTools': {
			// Diga replaces the whole list: an empty one (the field's default `[]` too) must not remove every tool.
			const parsed = typeof raw === 'string' ? readJsonText(raw)?.value : raw;
			if (Array.isArray(parsed) && parsed.length === 0) return NOT_SENT;
			const isTool = (tool: unknown) =>
				!!tool && typeof tool === 'object' && ['transfer_call', 'hang_up'].includes(String((tool as IDataObject).type)) && typeof (tool as IDataObject).name === 'string';
			if (Array.isArray(parsed) && parsed.every(isTool)) return parsed;
			throw wrong('a JSON list of call tools, each with "type" (transfer_call or hang_up) and "name"');
		}
		case 'texts': {
			const texts = readTexts(raw);
			if (texts) return texts.length ? texts : NOT_SENT;
			throw wrong('a list of texts');
		}
	}
}

/**
 * The PATCH body (`AgentUpdateRequest`): exactly the fields the user added and filled, checked, in
 * Diga's names, and the fields picked under Clear Fields, emptied. `required`: no field is an error
 * (not when integration tools change alone).
 */
function buildBody(context: IExecuteFunctions, itemIndex: number, required = true): IDataObject {
	// n8n's own type check would reject bad JSON without naming the field: checkValue does it instead.
	const fields = context.getNodeParameter('updateFields', itemIndex, {}, { skipValidation: true }) as IDataObject;
	const body: IDataObject = {};
	const given: Record<string, string> = {};
	const empty: string[] = [];
	for (const field of DRAFT_FIELDS) {
		if (fields[field.name] === undefined) continue;
		const value = checkValue(context, field, fields[field.name], itemIndex);
		if (value === NOT_SENT) {
			empty.push(field.label);
			continue;
		}
		// Knowledge Bases and Knowledge Base IDs (and the items' two fields) set one Diga field.
		if (given[field.api]) throw bothGiven(context, given[field.api], field.label, itemIndex);
		given[field.api] = field.label;
		body[field.api] = value as IDataObject[string];
	}
	applyClearFields(context, body, fields[CLEAR_FIELDS.name], CLEARABLE, itemIndex);
	return required ? requireSomeField(context, body, DRAFT_FIELDS, itemIndex, empty) : body;
}

interface DraftUpdate {
	agentId: string;
	body: IDataObject;
	/** Integration tools to add and remove (integrationTools.ts). */
	tools?: AssignmentChange;
}

/** Everything the user typed, checked before any agent of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<DraftUpdate> {
	const tools = readToolChange(this, itemIndex);
	return { agentId: readLocatorId(this, AGENT.name, AGENT.label, itemIndex), body: buildBody(this, itemIndex, !tools), tools };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: DraftUpdate): Promise<IDataObject> {
	const { agentId, body, tools } = prepared ?? (await prepare.call(this, itemIndex));
	const notFound = { AGENT_NOT_FOUND: `Diga could not find agent ${agentId} in this account`, default: `Diga could not find agent ${agentId} in this account` };
	const fields = [AGENT, ...DRAFT_FIELDS];
	if (tools) return await updateDraftAndTools(run, { agentId, body, tools }, this.getNodeParameter('includePreviousValues', itemIndex, false) === true, { itemIndex, fields, notFound });

	// Without version parameters Diga answers the draft: the state this PATCH changes.
	const previous =
		this.getNodeParameter('includePreviousValues', itemIndex, false) === true
			? await run.client.request<DigaAgent>({ method: 'GET', path: `/v1/agent/${agentId}`, expect: AN_AGENT }, { itemIndex, notFound })
			: undefined;

	const draft = await run.client.request<DigaAgent>(
		{ method: 'PATCH', path: `/v1/agent/${agentId}`, body, expect: AN_AGENT },
		{
			itemIndex,
			fields,
			notFound: body.voice_id ? { ...notFound, default: `Diga could not find agent ${agentId} or the voice ${String(body.voice_id)}` } : notFound,
		},
	);
	return previous ? { ...draft, previous } : draft;
}
