import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';
import { PHONE_FIELD } from '../vocabulary/fields';
import { PHONE_ID_OR_NUMBER_REGEX, UUID_REGEX } from '../vocabulary/formats';

const EXAMPLE_UUID = '123e4567-e89b-12d3-a456-426614174000';

/**
 * A phone field takes an ID or a number whatever its mode (an AI agent or an expression may fill
 * any mode): both By ID and By Number accept either, and the node reads what it is.
 */
const PHONE_MISMATCH = `Neither a phone ID (a UUID such as ${EXAMPLE_UUID}) nor a number in international format such as +34911234567`;

interface LocatorKind {
	/** What it names, for placeholders and messages: "phone", "agent", "agent version". */
	what: string;
	searchListMethod: string;
	/** Whether "By Number" is offered (phones only). */
	byNumber: boolean;
}

/**
 * A resource locator: From List (searching with `searchListMethod`), By ID, and for phones
 * By Number. The modes are written out in `modes` because n8n's linter recognises locator
 * modes (which have no default) only there.
 */
function locator(kind: LocatorKind, field: Pick<DigaField, 'name' | 'label'>, description: string): INodeProperties {
	const property: INodeProperties = {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/.test(kind.what) ? 'an' : 'a'} ${kind.what}...`,
				typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${EXAMPLE_UUID}`,
				hint: kind.byNumber ? `The ${kind.what} ID from Diga (a UUID), or its number` : `The ${kind.what} ID from Diga (a UUID)`,
				validation: [
					{
						type: 'regex',
						properties: kind.byNumber
							? { regex: PHONE_ID_OR_NUMBER_REGEX, errorMessage: PHONE_MISMATCH }
							: { regex: UUID_REGEX, errorMessage: `Not a valid ${kind.what} ID: expected a UUID such as ${EXAMPLE_UUID}` },
					},
				],
			},
			{
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: 'e.g. +34911234567',
				hint: 'The phone number in international (E.164) format, with the leading +, or its ID',
				validation: [{ type: 'regex', properties: { regex: PHONE_ID_OR_NUMBER_REGEX, errorMessage: PHONE_MISMATCH } }],
			},
		],
	};
	if (!kind.byNumber) property.modes = property.modes?.filter((mode) => mode.name !== 'number');
	return property;
}

const PHONE: LocatorKind = { what: 'phone', searchListMethod: 'searchPhones', byNumber: true };
const AGENT: LocatorKind = { what: 'agent', searchListMethod: 'searchAgents', byNumber: false };
const VERSION: LocatorKind = { what: 'agent version', searchListMethod: 'searchAgentVersions', byNumber: false };
const VOICE: LocatorKind = { what: 'voice', searchListMethod: 'searchVoices', byNumber: false };
const KNOWLEDGE_BASE: LocatorKind = { what: 'knowledge base', searchListMethod: 'searchKnowledgeBases', byNumber: false };
const TEMPLATE: LocatorKind = { what: 'agent template', searchListMethod: 'searchAgentTemplates', byNumber: false };
const PROJECT: LocatorKind = { what: 'project', searchListMethod: 'searchProjects', byNumber: false };
const KNOWLEDGE_ITEM: LocatorKind = { what: 'knowledge item', searchListMethod: 'searchKnowledgeItems', byNumber: false };
const INTEGRATION: LocatorKind = { what: 'integration', searchListMethod: 'searchIntegrations', byNumber: false };
const INTEGRATION_TOOL: LocatorKind = { what: 'tool', searchListMethod: 'searchIntegrationTools', byNumber: false };

/** The phone an operation works on: pick it, paste its id, or give its number. */
export const phoneLocator: INodeProperties = {
	...locator(PHONE, PHONE_FIELD, 'The phone to work on: its Diga ID (a UUID) or the number itself in international format, e.g. +34911234567'),
	required: true,
};

/** A phone picker for any other field that names a phone. */
export const phoneFieldLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(PHONE, field, description);

/** An agent version picker (agents and their versions), for the fields that assign one to a phone. */
export const versionLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(VERSION, field, description);

/** An agent picker. */
export const agentLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(AGENT, field, description);

/** A voice picker (Diga's voices, searched by name). */
export const voiceLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(VOICE, field, description);

/** A knowledge base picker (searched by name by Diga). */
export const knowledgeBaseLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(KNOWLEDGE_BASE, field, description);

/** A knowledge item picker (searched by name by Diga). */
export const knowledgeItemLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(KNOWLEDGE_ITEM, field, description);

/** An integration picker (HTTP and MCP integrations, searched by name here). */
export const integrationLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(INTEGRATION, field, description);

/** A picker for a tool of the integration chosen next to it (its Integration field). */
export const integrationToolLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(INTEGRATION_TOOL, field, description);

/** An agent template picker (Diga's templates in the language the node's Template Language names). */
export const templateLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(TEMPLATE, field, description);

/** A project picker (the projects the API key's user is a member of). */
export const projectLocator = (field: Pick<DigaField, 'name' | 'label'>, description: string) =>
	locator(PROJECT, field, description);
