import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { integrationToolLocator } from '../../descriptions/resourceLocators';
import type { NodeContext } from '../../helpers/input';
import { readDecimal, refuseInput, requireBoolean } from '../../helpers/input';
import type { DigaField } from '../../vocabulary/fields';
import { HEADERS, headersField, readHeaders } from '../integration/headers';
import { INTEGRATION, integrationPicker } from '../integration/integrationFields';
import { PARAMETERS, parametersField, readParameters } from './toolParameters';

/** The fields of `CreateHttpToolRequestSchema` / `UpdateHttpToolRequestSchema`, and the tool in the path. */
export const TOOL = { name: 'toolId', api: 'tool_id', label: 'Tool' } as const satisfies DigaField;
export const NAME = { name: 'name', api: 'name', label: 'Tool Name' } as const satisfies DigaField;
export const DESCRIPTION = { name: 'description', api: 'description', label: 'What the Tool Does' } as const satisfies DigaField;
export const METHOD = { name: 'method', api: 'method', label: 'Method' } as const satisfies DigaField;
export const ENDPOINT = { name: 'endpointPath', api: 'endpoint_path', label: 'Endpoint Path' } as const satisfies DigaField;
const TIMEOUT = { name: 'timeout', api: 'timeout', label: 'Timeout (Seconds)' } as const satisfies DigaField;
const APPROVAL = { name: 'approvalRequired', api: 'approval_required', label: 'Ask Before Running' } as const satisfies DigaField;
const AUDIO = { name: 'executionAudio', api: 'execution_audio', label: 'Sound While Running' } as const satisfies DigaField;
const PRE_SPEECH = { name: 'preSpeech', api: 'pre_speech', label: 'Speak Before Running' } as const satisfies DigaField;
export const TOOL_FIELDS: readonly DigaField[] = [INTEGRATION, TOOL, NAME, DESCRIPTION, METHOD, ENDPOINT, PARAMETERS, HEADERS, TIMEOUT, APPROVAL, AUDIO, PRE_SPEECH];

export { INTEGRATION, integrationPicker };
export const toolPicker = (description: string): INodeProperties => ({ ...integrationToolLocator(TOOL, description), required: true });
export const notFound = (integrationId: string, toolId?: string) => ({
	default: toolId ? `Diga could not find tool ${toolId} of integration ${integrationId}` : `Diga could not find integration ${integrationId} in this account`,
	INTEGRATION_NOT_FOUND: `Diga could not find integration ${integrationId} in this account`,
});

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const nameField = (required: boolean): INodeProperties => ({
	displayName: NAME.label, name: NAME.name, type: 'string', default: '', ...(required ? { required: true } : {}), placeholder: 'e.g. check_order_status', description: 'The name the agent knows the tool by, unique in the integration',
});
export const descriptionField = (required: boolean): INodeProperties => ({
	displayName: DESCRIPTION.label, name: DESCRIPTION.name, type: 'string', default: '', ...(required ? { required: true } : {}), typeOptions: { rows: 2 }, placeholder: 'e.g. Looks up the status of an order by its number', description: 'What the agent reads to decide when to use the tool',
});
export const methodField: INodeProperties = { displayName: METHOD.label, name: METHOD.name, type: 'options', default: 'POST', options: METHODS.map((m) => ({ name: m, value: m })) };
export const endpointField = (required: boolean): INodeProperties => ({
	displayName: ENDPOINT.label, name: ENDPOINT.name, type: 'string', default: '', ...(required ? { required: true } : {}), placeholder: 'e.g. /orders/{order_number}', description: 'Added to the integration’s Base URL; {name} marks a path parameter',
});
export const toolParametersField = parametersField('The values the request carries. Each one: where it goes, its type, and who fills it in (the agent, a fixed value, or a call variable).');

/** The optional settings Create and Update share. */
export const settingFields: INodeProperties[] = [
	{ displayName: APPROVAL.label, name: APPROVAL.name, type: 'boolean', default: false, description: 'Whether the agent asks the caller to confirm before running the tool' },
	headersField('Headers Diga sends with this tool’s requests, besides the integration’s. Values are kept secret.'),
	{ displayName: AUDIO.label, name: AUDIO.name, type: 'options', default: 'typing', options: [{ name: 'Typing', value: 'typing' }, { name: 'Waiting Music', value: 'waiting_music' }], description: 'A sound the caller hears while the tool runs' },
	{ displayName: PRE_SPEECH.label, name: PRE_SPEECH.name, type: 'options', default: 'auto', options: [{ name: 'When the Agent Sees Fit', value: 'auto' }, { name: 'Always', value: 'force' }], description: 'Whether the agent says something before running the tool' },
	{ displayName: TIMEOUT.label, name: TIMEOUT.name, type: 'number', default: 5, typeOptions: { minValue: 1 }, description: 'How long Diga waits for the answer (Diga’s default: 5)' },
];

const text = (context: NodeContext, raw: unknown, field: DigaField, itemIndex: number, example: string) => {
	const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	return value || refuseInput(context, itemIndex, `${field.label} is empty`, `Give it, e.g. ${example}.`);
};

/** The fields the user gave (`fields`: the node's names), checked, in Diga's names. `endpointPath`: the tool's path, for path parameters. */
export function readToolFields(context: NodeContext, fields: IDataObject, itemIndex: number, endpointPath?: string): IDataObject {
	const body: IDataObject = {};
	if (fields[NAME.name] !== undefined) {
		body[NAME.api] = text(context, fields[NAME.name], NAME, itemIndex, 'check_order_status');
		if (/\s/.test(body[NAME.api] as string)) refuseInput(context, itemIndex, `${NAME.label} must not contain spaces`, `It is "${String(body[NAME.api]).slice(0, 80)}"; use _ instead.`);
	}
	if (fields[DESCRIPTION.name] !== undefined) body[DESCRIPTION.api] = text(context, fields[DESCRIPTION.name], DESCRIPTION, itemIndex, 'Looks up an order by its number');
	if (fields[METHOD.name] !== undefined) {
		if (!METHODS.includes(String(fields[METHOD.name]))) refuseInput(context, itemIndex, `${METHOD.label} must be one of ${METHODS.join(', ')}`);
		body[METHOD.api] = fields[METHOD.name];
	}
	if (fields[ENDPOINT.name] !== undefined) body[ENDPOINT.api] = text(context, fields[ENDPOINT.name], ENDPOINT, itemIndex, '/orders/{order_number}');
	if (fields[PARAMETERS.name] !== undefined) {
		const lists = readParameters(context, fields[PARAMETERS.name], (body[ENDPOINT.api] as string | undefined) ?? endpointPath, itemIndex);
		if (body[METHOD.api] === 'GET' && lists.body.length) refuseInput(context, itemIndex, `${PARAMETERS.label}: a GET request has no body`, 'Put the parameters in the query string, or choose another method.');
		Object.assign(body, lists);
	}
	if (fields[HEADERS.name] !== undefined) {
		const headers = readHeaders(context, fields[HEADERS.name], itemIndex);
		if (headers) body[HEADERS.api] = headers;
	}
	if (fields[TIMEOUT.name] !== undefined) {
		const seconds = readDecimal(fields[TIMEOUT.name]);
		if (seconds === undefined || !Number.isInteger(seconds) || seconds < 1) refuseInput(context, itemIndex, `${TIMEOUT.label} must be a whole number of seconds, 1 or more`, `It is ${JSON.stringify(fields[TIMEOUT.name])}.`);
		body[TIMEOUT.api] = seconds;
	}
	if (fields[APPROVAL.name] !== undefined) body[APPROVAL.api] = requireBoolean(context, fields[APPROVAL.name], APPROVAL.label, itemIndex);
	for (const [field, allowed] of [[AUDIO, ['typing', 'waiting_music']], [PRE_SPEECH, ['auto', 'force']]] as const) {
		if (fields[field.name] === undefined) continue;
		if (!(allowed as readonly string[]).includes(String(fields[field.name]))) refuseInput(context, itemIndex, `${field.label} must be one of ${allowed.join(', ')}`);
		body[field.api] = fields[field.name];
	}
	return body;
}
