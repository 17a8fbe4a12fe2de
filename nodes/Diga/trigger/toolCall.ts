import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readDecimal } from '../helpers/input';
import type { ParameterType, ToolParameter } from './toolDefinition';
import { readToolParameters, REQUEST_KEY } from './toolDefinition';
import { holdsProof, PROOF_HEADER } from './toolSecret';

/**
 * One call of the tool by a Diga agent, answered without a single request to Diga: the proof is
 * checked against the hash activation kept, the parameters read from the node. A request without the
 * secret, or with a declared parameter missing or not of its type, is answered here and starts no
 * execution; any other starts one, whose last node's output n8n sends back as the agent's answer.
 */

type Answer = { status: number; body: IDataObject };

function answer(context: IWebhookFunctions, { status, body }: Answer): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

const TYPE_WORDS: Record<ParameterType, string> = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'yes or no (true or false)' };

/** The value as its declared type, or `undefined` when it is not one. */
function typed(value: unknown, type: ParameterType): unknown {
	if (type === 'string') return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
	if (type === 'boolean') {
		if (typeof value === 'boolean') return value;
		const word = String(value).trim().toLowerCase();
		return word === 'true' || word === '1' ? true : word === 'false' || word === '0' ? false : undefined;
	}
	// Decimals only, as everywhere the node reads a number ("0x10" is no order number 16).
	const number = readDecimal(value);
	if (number === undefined) return undefined;
	return type === 'integer' && !Number.isInteger(number) ? undefined : number;
}

function sourceOf(parameter: ToolParameter, body: IDataObject, query: IDataObject, path: IDataObject): unknown {
	if (parameter.location === 'query') return query[parameter.name];
	if (parameter.location === 'path') return path[parameter.name];
	return body[parameter.name];
}

/** The declared parameters, typed; or the sentence the agent can say about the first one that is wrong. */
export function readArguments(parameters: ToolParameter[], body: IDataObject, query: IDataObject, path: IDataObject): { values: IDataObject } | { problem: string } {
	const values: IDataObject = {};
	for (const parameter of parameters) {
		const raw = sourceOf(parameter, body, query, path);
		if (raw === undefined || raw === null || raw === '') {
			if (parameter.required) return { problem: `The tool needs "${parameter.name}", and it was not given.` };
			continue;
		}
		const value = typed(raw, parameter.type);
		if (value === undefined) return { problem: `"${parameter.name}" must be ${TYPE_WORDS[parameter.type]}.` };
		values[parameter.name] = value as IDataObject[string];
	}
	return { values };
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export async function answerToolCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = { ...this.getHeaderData() } as IDataObject;
	if (!(await holdsProof(this, headers[PROOF_HEADER]))) {
		return answer(this, { status: 401, body: { message: 'This tool only answers the Diga agent it belongs to.' } });
	}
	delete headers[PROOF_HEADER];
	const rawBody = this.getBodyData() as unknown;
	const body = asObject(rawBody);
	const query = asObject(this.getQueryData());
	const path = asObject(this.getParamsData());
	const read = readArguments(readToolParameters(this), body, query, path);
	if ('problem' in read) return answer(this, { status: 400, body: { message: read.problem } });
	const request: IDataObject = { body: rawBody as IDataObject, query, path, headers };
	return { workflowData: [[{ json: { ...read.values, [REQUEST_KEY]: request } }]] };
}
