import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { namedChoices } from '../../descriptions/collections';
import { templateLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import type { DigaAgent, DigaAgentTemplate } from '../../transport/types';
import { aRecord } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { LANGUAGES } from './draftFields';
import { createAgent, readText } from './newAgent';

export const option = {
	name: 'Create From Template',
	value: 'createFromTemplate',
	description: 'Create an agent from one of Diga’s templates, filling in its variables',
	action: 'Create an agent from a template',
} as const satisfies OperationOption;

/** `CopyAgentTemplateRequest`, and the template in the path. */
const TEMPLATE = { name: 'templateId', api: 'template_id', label: 'Template' } as const satisfies DigaField;
const AGENT_NAME = { name: 'agentName', api: 'agent_name', label: 'Agent Name' } as const satisfies DigaField;
const VARIABLES = { name: 'variables', api: 'variables', label: 'Variables' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [TEMPLATE, AGENT_NAME, VARIABLES];

const properties: INodeProperties[] = [
	{
		displayName: 'Template Language',
		name: 'templateLanguage',
		type: 'options',
		default: 'es',
		description: 'Which of Diga’s templates the Template list shows: Diga lists templates by language. Not sent when the agent is created.',
		options: namedChoices(LANGUAGES),
	},
	{ ...templateLocator(TEMPLATE, 'The template to copy, by its Diga ID'), required: true },
	{ displayName: AGENT_NAME.label, name: AGENT_NAME.name, type: 'string', default: '', placeholder: 'e.g. Acme reception', description: 'The new agent’s name. Empty: the template’s name.' },
	{
		displayName: VARIABLES.label,
		name: VARIABLES.name,
		type: 'fixedCollection',
		placeholder: 'Add Variable',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Variable' },
		default: {},
		description: 'A value for each variable of the template, the &lt;&lt;name&gt;&gt; placeholders in its texts; Diga refuses a copy with one missing',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. company', description: 'The placeholder’s name, e.g. company for &lt;&lt;company&gt;&gt;' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Acme Dental' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['createFromTemplate'] } }, properties);

interface TemplateCopy {
	templateId: string;
	body: IDataObject;
	/** The name the new agent gets, for the lost-answer advice. */
	name: string;
}

function readVariables(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = context.getNodeParameter(`${VARIABLES.name}.variable`, itemIndex, []) as Array<{ name?: unknown; value?: unknown }>;
	const variables: IDataObject = {};
	for (const [position, entry] of (Array.isArray(raw) ? raw : []).entries()) {
		const name = String(entry.name ?? '').trim().replace(/^<<(.*)>>$/, '$1');
		if (name === '') {
			throw new NodeOperationError(context.getNode(), `${VARIABLES.label}: variable ${position + 1} has no name`, { itemIndex, description: 'Give each variable the name of a <<placeholder>> of the template.' });
		}
		variables[name] = entry.value === undefined || entry.value === null ? '' : String(entry.value);
	}
	return variables;
}

/**
 * The template is read first (a read, before any agent of the run is created): a variable it
 * needs and the item lacks is named here, not left to Diga's "Missing variable values".
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<TemplateCopy> {
	const templateId = readLocatorId(this, TEMPLATE.name, TEMPLATE.label, itemIndex);
	const agentName = readText(this, AGENT_NAME, itemIndex);
	const variables = readVariables(this, itemIndex);
	const template = await run.client.request<DigaAgentTemplate>(
		{ method: 'GET', path: `/v1/agent/template/${templateId}`, expect: aRecord('an agent template', 'id', 'name') },
		{ itemIndex, fields: FIELDS, notFound: { default: `Diga has no agent template ${templateId}` } },
	);
	const needed = Array.isArray(template.variables) ? template.variables.map(String) : [];
	const missing = needed.filter((name) => variables[name] === undefined);
	if (missing.length) {
		throw new NodeOperationError(this.getNode(), `${VARIABLES.label}: template "${template.name}" needs ${missing.map((name) => `<<${name}>>`).join(', ')}`, {
			itemIndex,
			description: `Add a variable for each: the template uses ${needed.map((name) => `<<${name}>>`).join(', ')}. Nothing was created.`,
		});
	}
	const body: IDataObject = { [VARIABLES.api]: variables };
	if (agentName !== '') body[AGENT_NAME.api] = agentName;
	return { templateId, body, name: agentName || template.name };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: TemplateCopy): Promise<DigaAgent> {
	const { templateId, body, name } = prepared ?? (await prepare.call(this, itemIndex, run));
	return await createAgent(
		run,
		{ path: `/v1/agent/template/${templateId}/copy`, body, what: `"${name}" from template ${templateId}`, name },
		{ itemIndex, fields: FIELDS, notFound: { default: `Diga has no agent template ${templateId}` } },
	);
}
