import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { NodeContext } from '../../helpers/input';
import { readDecimal, refuseInput, requireBoolean } from '../../helpers/input';
import type { DigaField } from '../../vocabulary/fields';

/**
 * An HTTP tool's parameters as a list a non-programmer fills: one entry per parameter, with where it
 * goes (query, body, path), its type, what the model is told, whether it is required and where its
 * value comes from. Sent as Diga's three lists `query`, `body`, `path` (`QueryParamSchema` etc.).
 */
export const PARAMETERS = { name: 'parameters', api: 'parameters', label: 'Parameters' } as const satisfies DigaField;

const LOCATIONS = { query: 'Query String', body: 'Body (JSON)', path: 'Path' } as const;
const TYPES = { string: 'Text', integer: 'Whole Number', number: 'Number', boolean: 'True or False', object: 'Object (Body Only)' } as const;
const SOURCES = {
	llm: 'The Agent (From the Conversation)',
	fixed: 'A Fixed Value',
	dynamic: 'A Call Variable (Dynamic)',
} as const;
type Location = keyof typeof LOCATIONS;

const options = <T extends Record<string, string>>(choices: T) => Object.entries(choices).map(([value, name]) => ({ name, value }));

export const parametersField = (description: string): INodeProperties => ({
	displayName: PARAMETERS.label,
	name: PARAMETERS.name,
	type: 'fixedCollection',
	placeholder: 'Add Parameter',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Parameter' },
	default: {},
	description,
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			// n8n's linter wants these in alphabetical order.
			values: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '', placeholder: 'e.g. The order number the caller reads out', description: 'What the agent is told it is' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. order_number', description: 'The parameter’s name, without spaces. For Path, the endpoint path has it as {name}.' },
				{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the agent must have it before calling the tool' },
				{ displayName: 'Type', name: 'dataType', type: 'options', default: 'string', options: options(TYPES), description: 'Path parameters are always text' },
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					displayOptions: { show: { source: ['fixed', 'dynamic'] } },
					placeholder: 'e.g. es',
					description: 'The fixed value; for a call variable, the template Diga fills in (see Diga’s dynamic variables)',
				},
				{ displayName: 'Value From', name: 'source', type: 'options', default: 'llm', options: options(SOURCES), description: 'Who fills it in' },
				{ displayName: 'Where', name: 'location', type: 'options', default: 'body', options: options(LOCATIONS), description: 'Where Diga puts it in the request' },
			],
		},
	],
});

/** A fixed value typed as the parameter is: `12` for a whole number, `true` for true or false. */
function typedValue(context: NodeContext, raw: unknown, dataType: string, label: string, itemIndex: number): string | number | boolean {
	if (dataType === 'integer' || dataType === 'number') {
		const number = readDecimal(raw);
		if (number !== undefined && (dataType === 'number' || Number.isInteger(number))) return number;
		return refuseInput(context, itemIndex, `${label}: the value must be ${dataType === 'integer' ? 'a whole number' : 'a number'}`, `It is ${JSON.stringify(raw)}.`);
	}
	if (dataType === 'boolean') {
		if (typeof raw === 'boolean') return raw;
		if (raw === 'true' || raw === 'false') return raw === 'true';
		return refuseInput(context, itemIndex, `${label}: the value must be true or false`, `It is ${JSON.stringify(raw)}.`);
	}
	if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	return refuseInput(context, itemIndex, `${label}: the value must be text`, `It is ${JSON.stringify(raw)?.slice(0, 200)}.`);
}

/**
 * The three lists as Diga takes them (`{ query, body, path }`), each parameter checked: a name
 * without spaces and given once per place, a known type, a value for fixed and dynamic ones, and
 * each path parameter a `{name}` of `endpointPath` (when known).
 */
export function readParameters(context: NodeContext, raw: unknown, endpointPath: string | undefined, itemIndex: number): Record<Location, IDataObject[]> {
	const entries = (raw as { parameter?: unknown } | undefined)?.parameter ?? [];
	if (!Array.isArray(entries)) refuseInput(context, itemIndex, `${PARAMETERS.label} must be a list of parameters`);
	const lists: Record<Location, IDataObject[]> = { query: [], body: [], path: [] };
	for (const [position, entry] of (entries as IDataObject[]).entries()) {
		const name = String(entry.name ?? '').trim();
		const label = `${PARAMETERS.label} → ${name || `parameter ${position + 1}`}`;
		if (!/^\S+$/.test(name)) refuseInput(context, itemIndex, `${PARAMETERS.label}: parameter ${position + 1} needs a name without spaces`, `It is "${name.slice(0, 80)}".`);
		const location = String(entry.location ?? 'body') as Location;
		if (!(location in LOCATIONS)) refuseInput(context, itemIndex, `${label}: Where must be query, body or path`);
		if (lists[location].some((known) => known.name === name)) refuseInput(context, itemIndex, `${label} is given twice in ${LOCATIONS[location]}`, 'Give each parameter once.');
		const dataType = String(entry.dataType ?? 'string');
		if (!(dataType in TYPES) || (dataType === 'object' && location !== 'body')) refuseInput(context, itemIndex, `${label}: Type ${dataType} is not possible in ${LOCATIONS[location]}`, 'Objects go only in the body.');
		if (location === 'path' && dataType !== 'string') refuseInput(context, itemIndex, `${label}: path parameters are always text`, 'Set Type to Text.');
		if (location === 'path' && endpointPath !== undefined && !endpointPath.includes(`{${name}}`)) {
			refuseInput(context, itemIndex, `${label}: the endpoint path has no {${name}}`, `Write it into the Endpoint Path where the value goes, e.g. /orders/{${name}}.`);
		}
		const source = String(entry.source ?? 'llm');
		if (!(source in SOURCES)) refuseInput(context, itemIndex, `${label}: Value From must be llm, fixed or dynamic`);
		const parameter: IDataObject = { name, ...(location === 'path' ? {} : { data_type: dataType }), required: entry.required === undefined ? true : requireBoolean(context, entry.required, `${label}: Required`, itemIndex), value_source: source };
		if (typeof entry.description === 'string' && entry.description.trim() !== '') parameter.description = entry.description.trim();
		if (source !== 'llm') {
			if (entry.value === undefined || entry.value === '' || entry.value === null) refuseInput(context, itemIndex, `${label}: a ${source} parameter needs its Value`);
			parameter.fixed_value = source === 'dynamic' || location === 'path' ? String(entry.value) : typedValue(context, entry.value, dataType, label, itemIndex);
		}
		lists[location].push(parameter);
	}
	return lists;
}
