import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** Diga ids are UUIDs; checking them before a request also keeps path-like input out of URLs. */
export const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** E.164: a plus, a country code and up to 15 digits. Spaces, dots, dashes and brackets are allowed and ignored. */
export const E164_REGEX = '^\\s*\\+[\\d\\s().-]{7,24}$';

const EXAMPLE_UUID = '123e4567-e89b-12d3-a456-426614174000';

function idMode(what: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: `e.g. ${EXAMPLE_UUID}`,
		hint: `The ${what} ID from Diga (a UUID)`,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: UUID_REGEX,
					errorMessage: `Not a valid ${what} ID: expected a UUID such as ${EXAMPLE_UUID}`,
				},
			},
		],
	};
}

function listMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list',
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
const numberMode: INodePropertyMode = {
	displayName: 'By Number',
	name: 'number',
	type: 'string',
	placeholder: 'e.g. +34911234567',
	hint: 'The phone number in international (E.164) format, with the leading +',
	validation: [
		{
			type: 'regex',
			properties: {
				regex: E164_REGEX,
				errorMessage: 'Not a phone number in international format, e.g. +34911234567',
			},
		},
	],
};

/** `phoneId`: pick a phone from the account, paste its id, or give its number. */
export const phoneLocator: INodeProperties = {
	displayName: 'Phone',
	name: 'phoneId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The phone number to work on',
	modes: [listMode('searchPhones', 'Select a phone...'), idMode('phone'), numberMode],
};

/** A picker with "From List" (searching with `searchListMethod`) and "By ID". */
function listOrIdLocator(searchListMethod: string, what: string) {
	return (name: string, displayName: string, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [listMode(searchListMethod, `Select an ${what}...`), idMode(what)],
	});
}

/** An agent version picker (agents and their versions), for the fields that assign one to a phone. */
export const versionLocator = listOrIdLocator('searchAgentVersions', 'agent version');

/** An agent picker. */
export const agentLocator = listOrIdLocator('searchAgents', 'agent');
