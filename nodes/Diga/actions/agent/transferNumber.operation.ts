import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLocatorId } from '../../helpers/input';
import { canonicalPhoneNumber } from '../../vocabulary/phoneNumbers';
import { oneAtATime } from '../../helpers/oneAtATime';
import type { DigaAgent, DigaCallTool } from '../../transport/types';
import { aRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Set Transfer Number',
	value: 'transferNumber',
	description: 'Change where one transfer tool of the agent’s draft sends callers, keeping its other tools',
	action: 'Set the number a transfer tool of an agent calls',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const TOOL = { name: 'toolName', api: 'name', label: 'Transfer Tool Name' } as const satisfies DigaField;
const NUMBER = { name: 'targetNumber', api: 'target_number', label: 'Target Number' } as const satisfies DigaField;
const DESCRIPTION = { name: 'toolDescription', api: 'description', label: 'Tool Description' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [AGENT, TOOL, NUMBER, DESCRIPTION, { name: 'callTools', api: 'call_tools', label: 'Call Tools' }];
const AN_AGENT = aRecord('an agent', 'agent_id');

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose draft to change. Calls keep the published version until a version launched from the draft is published.'), required: true },
	{
		displayName: TOOL.label,
		name: TOOL.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. transfer_to_oncall',
		description: 'The name of the transfer tool in the agent’s draft, as Diga shows it (Agent → Get lists them under call_tools)',
	},
	{
		displayName: NUMBER.label,
		name: NUMBER.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +34600112233 or +34911000222#104',
		description: 'The number the tool transfers callers to, in international format with the leading +; an extension after #, e.g. +34911000222#104',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: DESCRIPTION.label,
				name: DESCRIPTION.name,
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'When the agent should use this transfer; the agent reads it. Left out or empty: the tool keeps its description.',
			},
		],
	},
	{
		displayName: 'Include Previous Values',
		name: 'includePreviousValues',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the draft’s call tools before the change under "previous.call_tools", so a later step can restore them. Costs no extra request.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['transferNumber'] } }, properties);

interface TransferChange {
	agentId: string;
	toolName: string;
	targetNumber: string;
	description?: string;
	includePrevious: boolean;
}

/** E.164 with an optional extension: `+34911000222` or `+34911000222#104`; spaces, dots, dashes and brackets are dropped. */
function requireTransferNumber(context: IExecuteFunctions, raw: unknown, itemIndex: number): string {
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	const [number, extension, ...rest] = text.split('#');
	// Only an international number (leading +): `0034…` or a national one is refused, not guessed.
	const normalized = number?.trim().startsWith('+') ? canonicalPhoneNumber(number) : '';
	const extensionOk = extension === undefined || /^\d{1,10}$/.test(extension.trim());
	if (!/^\+[1-9]\d{6,14}$/.test(normalized) || !extensionOk || rest.length > 0) {
		throw new NodeOperationError(context.getNode(), `${NUMBER.label} is not a phone number in international format: "${text.slice(0, 80)}"`, {
			itemIndex,
			description: 'Write the number with its country code and a leading +, e.g. +34600112233; an extension after #, e.g. +34911000222#104.',
		});
	}
	return extension === undefined ? normalized : `${normalized}#${extension.trim()}`;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<TransferChange> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const toolName = String(this.getNodeParameter(TOOL.name, itemIndex, '') ?? '').trim();
	if (toolName === '') throw new NodeOperationError(this.getNode(), `${TOOL.label} is empty`, { itemIndex, description: 'Give the name of the transfer tool to change, e.g. transfer_to_oncall.' });
	const targetNumber = requireTransferNumber(this, this.getNodeParameter(NUMBER.name, itemIndex, ''), itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Empty is not sent: it would wipe the description the agent reads to decide when to transfer.
	const text = additional[DESCRIPTION.name];
	const description = text === undefined || text === null || String(text).trim() === '' ? undefined : String(text);
	return { agentId, toolName, targetNumber, description, includePrevious: this.getNodeParameter('includePreviousValues', itemIndex, false) === true };
}

const toolList = (tools: DigaCallTool[], type: string) => {
	const names = tools.filter((tool) => tool.type === type).map((tool) => `"${String(tool.name)}"`);
	return names.length ? names.join(', ') : 'none';
};

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: TransferChange): Promise<IDataObject> {
	const change = prepared ?? (await prepare.call(this, itemIndex));
	// Diga replaces the whole list: two items changing one agent's tools must not read the same list.
	return await oneAtATime(run, change.agentId, async () => await setTransferNumber(run, change, itemIndex));
}

async function setTransferNumber(run: RunContext, change: TransferChange, itemIndex: number): Promise<IDataObject> {
	const { agentId, toolName } = change;
	const notFound = { default: `Diga could not find agent ${agentId} in this account` };
	// Without version parameters Diga answers the draft: the call tools the PATCH replaces.
	const draft = await run.client.request<DigaAgent>({ method: 'GET', path: `/v1/agent/${agentId}`, expect: AN_AGENT }, { itemIndex, notFound });
	const tools = (Array.isArray(draft.call_tools) ? draft.call_tools : []) as DigaCallTool[];
	const matches = tools.filter((tool) => tool.type === 'transfer_call' && tool.name === toolName);
	if (matches.length !== 1) {
		const where = `agent ${agentId}${draft.is_draft === false ? ' (it has no draft yet: this is the version Diga answers)' : '’s draft'}`;
		throw new NodeOperationError(
			run.client.node,
			matches.length === 0 ? `No transfer tool named "${toolName}" in ${where}` : `${matches.length} transfer tools are named "${toolName}" in ${where}`,
			{
				itemIndex,
				description: `${TOOL.label}: the transfer tools there are ${toolList(tools, 'transfer_call')}${tools.some((t) => t.type === 'hang_up') ? ` (hang-up tools: ${toolList(tools, 'hang_up')})` : ''}.${matches.length > 1 ? ' Rename one in Diga so each name is unique; nothing was changed.' : ''}`,
			},
		);
	}
	const callTools = tools.map((tool) =>
		tool === matches[0]
			? { ...tool, [NUMBER.api]: change.targetNumber, ...(change.description === undefined ? {} : { [DESCRIPTION.api]: change.description }) }
			: tool,
	);
	const updated = await run.client.request<DigaAgent>(
		{ method: 'PATCH', path: `/v1/agent/${agentId}`, body: { call_tools: callTools }, expect: AN_AGENT },
		{ itemIndex, fields: FIELDS, notFound },
	);
	return change.includePrevious ? { ...updated, previous: { call_tools: tools } } : updated;
}
