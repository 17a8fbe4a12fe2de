import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { locatorValue, refuseInput, requireUuid } from '../helpers/input';
import { isAttended } from './toolAgents';

export type ToolContext = IHookFunctions | IWebhookFunctions;
export type ParameterType = 'string' | 'integer' | 'number' | 'boolean';
export type ParameterLocation = 'body' | 'query' | 'path';

export interface ToolParameter {
	name: string;
	type: ParameterType;
	description: string;
	required: boolean;
	location: ParameterLocation;
}

/** The trigger's parameters, read and checked: what the tool is and which agents get it. */
export interface ToolDefinition {
	agentIds: string[];
	name: string;
	description: string;
	parameters: ToolParameter[];
	timeout: number;
	preSpeech: 'auto' | 'force';
	executionAudio: 'typing' | 'waiting_music' | null;
	approvalRequired: boolean;
	publish: boolean;
}

/** The webhook's path below n8n's `webhook/<webhookId>/`: `tool`, then each path parameter. */
export const TOOL_PATH = 'tool';
/**
 * The same path as an n8n expression (the `webhooks` description's `path`), so that n8n routes
 * `…/tool/<value>` to this node and hands each value over as a path parameter.
 */
export const TOOL_PATH_EXPRESSION = `={{ ["${TOOL_PATH}"].concat((($parameter["toolParameters"] || {}).parameter || []).filter(p => p.location === "path").map(p => ":" + p.name)).join("/") }}`;

/** Respond With: the Diga Agent Tool Answer node answers (n8n's `responseNode` mode). */
export const ANSWER_NODE = 'answerNode';

/**
 * With Respond With "Using the Diga Agent Tool Answer Node", a workflow without one after the trigger
 * (or only a disabled one: n8n skips it) never answers: n8n 1.64 keeps the agent waiting until the
 * tool's timeout, 1.123 and 2.40 answer nothing. A person activating (or listening) is refused; at
 * n8n's start nobody is there to fix it, and refusing would take the tool away: n8n's log says it.
 */
export function requireAnswerNode(context: IHookFunctions): void {
	if (context.getNodeParameter('respondWith', '') !== ANSWER_NODE) return;
	const node = context.getNode();
	const answers = (child: { type: string; disabled?: boolean }) => child.type.endsWith('.digaToolAnswer') && child.disabled !== true;
	if (context.getChildNodes(node.name).some(answers)) return;
	const message = 'No Diga Agent Tool Answer node after this trigger';
	if (!isAttended(context)) {
		context.logger.warn(`Diga Agent Tool Trigger: ${message} in workflow ${context.getWorkflow().id ?? ''}: the agent gets no answer from it.`);
		return;
	}
	refuseInput(context, undefined,
		message,
		'"Respond With" is "Using the Diga Agent Tool Answer Node": add a Diga Agent Tool Answer node where the workflow has the answer (not disabled), or choose "First Item of the Last Node".',
	);
}

/** The item holds Diga's request under this key, so no parameter may take it. */
export const REQUEST_KEY = 'request';
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function readName(context: ToolContext, value: unknown, field: string): string {
	const name = String(value ?? '').trim();
	if (!NAME.test(name)) {
		refuseInput(context, undefined, `${field} "${name.slice(0, 80)}" is not a valid name`, `"${field}" takes letters, digits and underscores (up to 64, not starting with a digit), e.g. order_number.`);
	}
	return name;
}

/** The tool's parameters, checked: all a call needs of the definition (the rest is read at activation). */
export function readToolParameters(context: ToolContext): ToolParameter[] {
	const raw = (context.getNodeParameter('toolParameters', {}) as IDataObject).parameter;
	const list = Array.isArray(raw) ? (raw as IDataObject[]) : [];
	const seen = new Set<string>();
	return list.map((entry) => {
		const name = readName(context, entry.name, 'Parameters → Name');
		if (name === REQUEST_KEY) refuseInput(context, undefined, `A parameter cannot be called "${REQUEST_KEY}"`, `The workflow gets what Diga sent under "${REQUEST_KEY}"; choose another name.`);
		if (seen.has(name)) refuseInput(context, undefined, `Two parameters are called "${name}"`, 'Each parameter needs a name of its own.');
		seen.add(name);
		const type = (['string', 'integer', 'number', 'boolean'].includes(String(entry.type)) ? entry.type : 'string') as ParameterType;
		const location = (['body', 'query', 'path'].includes(String(entry.location)) ? entry.location : 'body') as ParameterLocation;
		// A value in the path is always there: Diga could not build the URL without it.
		const required = location === 'path' || entry.required !== false;
		return { name, type, description: String(entry.description ?? '').trim(), required, location };
	});
}

function readAgents(context: ToolContext): string[] {
	const raw = (context.getNodeParameter('agents', {}) as IDataObject).agent;
	const ids = (Array.isArray(raw) ? (raw as IDataObject[]) : []).map((entry) => requireUuid(context, locatorValue(entry.agentId).value, 'Agents → Agent'));
	if (ids.length === 0) refuseInput(context, undefined, 'No agent chosen', 'Add at least one agent under "Agents": the agents that may call this workflow.');
	return [...new Set(ids)];
}

export function readToolDefinition(context: ToolContext): ToolDefinition {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const description = String(context.getNodeParameter('toolDescription', '') ?? '').trim();
	if (!description) refuseInput(context, undefined, 'What the Tool Does is empty', 'Describe what the tool does and when the agent should use it: the agent reads this to decide.');
	const timeout = Number(options.timeout ?? 5);
	if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) refuseInput(context, undefined, `Timeout (Seconds) must be a whole number from 1 to 60, not ${String(options.timeout)}`, 'How long the agent waits for the answer, in seconds.');
	const audio = options.executionAudio;
	return {
		agentIds: readAgents(context),
		name: readName(context, context.getNodeParameter('toolName', ''), 'Tool Name'),
		description,
		parameters: readToolParameters(context),
		timeout,
		preSpeech: options.preSpeech === 'force' ? 'force' : 'auto',
		executionAudio: audio === 'typing' || audio === 'waiting_music' ? audio : null,
		approvalRequired: options.approvalRequired === true,
		publish: context.getNodeParameter('publish', false) === true,
	};
}

/** `CreateHttpToolRequestSchema`: the tool as Diga stores it, calling `endpointPath` with the secret header. */
export function toolBody(definition: ToolDefinition, endpointPath: string, headers: Record<string, string>): IDataObject {
	const at = (location: ParameterLocation) => definition.parameters.filter((p) => p.location === location);
	const described = (p: ToolParameter) => ({ name: p.name, description: p.description || null, required: p.required, value_source: 'llm' });
	return {
		name: definition.name,
		description: definition.description,
		endpoint_path: endpointPath,
		method: 'POST',
		query: at('query').map((p) => ({ ...described(p), data_type: p.type })),
		body: at('body').map((p) => ({ ...described(p), data_type: p.type })),
		path: at('path').map(described),
		headers,
		timeout: definition.timeout,
		approval_required: definition.approvalRequired,
		execution_audio: definition.executionAudio,
		pre_speech: definition.preSpeech,
	};
}
