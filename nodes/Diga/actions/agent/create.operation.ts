import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, namedChoices, textField } from '../../descriptions/collections';
import { voiceLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { LANGUAGES } from './draftFields';
import { createAgent, readText, requireText } from './newAgent';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Create an agent from a name, voice, language, prompt and greeting; set the rest with Update',
	action: 'Create an agent',
} as const satisfies OperationOption;

/** `AgentRequest` (the fields a user needs to start; the rest through Agent → Update), and `is_draft`. */
const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;
const VOICE = { name: 'voiceId', api: 'voice_id', label: 'Voice' } as const satisfies DigaField;
const LANGUAGE = { name: 'language', api: 'language', label: 'Language' } as const satisfies DigaField;
const PROMPT = { name: 'prompt', api: 'prompt', label: 'Prompt' } as const satisfies DigaField;
const GREETING = { name: 'greeting', api: 'greeting', label: 'Greeting' } as const satisfies DigaField;
const DESCRIPTION = { name: 'description', api: 'description', label: 'Description' } as const satisfies DigaField;
const VERSION_NAME = { name: 'versionName', api: 'version_name', label: 'Version Name' } as const satisfies DigaField;
const DRAFT_ONLY = { name: 'draftOnly', api: 'is_draft', label: 'Draft Only' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [NAME, VOICE, LANGUAGE, PROMPT, GREETING, DESCRIPTION, VERSION_NAME, DRAFT_ONLY];

const languageCodes = Object.keys(LANGUAGES);

const properties: INodeProperties[] = [
	{ displayName: NAME.label, name: NAME.name, type: 'string', required: true, default: '', placeholder: 'e.g. Acme reception', description: 'The agent’s name in Diga; Agent → Get Many finds it by this name' },
	{ ...voiceLocator(VOICE, 'The voice the agent speaks with'), required: true },
	{
		displayName: LANGUAGE.label,
		name: LANGUAGE.name,
		type: 'options',
		required: true,
		default: 'es',
		description: 'The language the agent speaks and understands',
		options: namedChoices(LANGUAGES),
	},
	{ displayName: PROMPT.label, name: PROMPT.name, type: 'string', default: '', typeOptions: { rows: 10 }, description: 'The instructions the agent follows on every call' },
	{ displayName: GREETING.label, name: GREETING.name, type: 'string', default: '', typeOptions: { rows: 3 }, description: 'What the agent says first on every call' },
	additionalFields([
		textField(DESCRIPTION, 'What the agent is for, shown in Diga next to it'),
		{
			displayName: DRAFT_ONLY.label,
			name: DRAFT_ONLY.name,
			type: 'boolean',
			default: false,
			description: 'Whether to create only a draft. Off: Diga also creates version 1 from it, ready to publish.',
		},
		textField(VERSION_NAME, 'A name for version 1, shown next to its number', 'e.g. Launch'),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['create'] } }, properties);

interface NewAgent {
	body: IDataObject;
	draftOnly: boolean;
}

/** The body, checked before any agent of the run is created. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<NewAgent> {
	const name = requireText(this, NAME, itemIndex, 'Give the agent a name: Diga lists agents by name, and a lost answer is checked by it.');
	const voiceId = readLocatorId(this, VOICE.name, VOICE.label, itemIndex);
	const language = readText(this, LANGUAGE, itemIndex);
	if (!languageCodes.includes(language)) {
		throw new NodeOperationError(this.getNode(), `${LANGUAGE.label} is not a language Diga offers: "${language.slice(0, 40)}"`, {
			itemIndex,
			description: `Use one of Diga’s language codes, e.g. es, en, multi, fr, de.`,
		});
	}
	const body: IDataObject = { [NAME.api]: name, [VOICE.api]: voiceId, [LANGUAGE.api]: language };
	for (const field of [PROMPT, GREETING]) {
		const text = readText(this, field, itemIndex);
		if (text !== '') body[field.api] = text;
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const field of [DESCRIPTION, VERSION_NAME]) {
		if (additional[field.name] !== undefined && String(additional[field.name]).trim() !== '') body[field.api] = String(additional[field.name]).trim();
	}
	return { body, draftOnly: additional[DRAFT_ONLY.name] === true };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: NewAgent): Promise<DigaAgent> {
	const { body, draftOnly } = prepared ?? (await prepare.call(this, itemIndex));
	const name = String(body[NAME.api]);
	return await createAgent(run, { path: '/v1/agent/', qs: draftOnly ? { is_draft: true } : undefined, body, what: `"${name}"`, name }, { itemIndex, fields: FIELDS });
}
