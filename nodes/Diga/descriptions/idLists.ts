import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';

/**
 * A list of Diga records, each picked with a resource locator: a fixed collection whose entries
 * hold one picker each (read with `readIdList`). `add` is the button text, e.g. "Add Knowledge Item".
 * n8n drops an expression set on a whole fixed collection, so a list from an expression goes in
 * one entry's picker (By ID, as an expression) or in the `idTextField` next to it.
 */
export function idListField(field: DigaField, picker: INodeProperties, add: string, description: string): INodeProperties {
	return {
		displayName: field.label,
		name: field.name,
		type: 'fixedCollection',
		placeholder: add,
		typeOptions: { multipleValues: true, multipleValueButtonText: add },
		default: {},
		description,
		options: [{ displayName: picker.displayName, name: 'entries', values: [{ ...picker, name: 'id' }] }],
	};
}

/**
 * The same list as text (read with `readIdText`): the form for an expression that gives a list of
 * IDs, e.g. `{{ $json.itemIds }}`, which n8n passes as it is. `what`: "knowledge items".
 */
export function idTextField(field: DigaField, what: string, description: string): INodeProperties {
	return {
		displayName: field.label,
		name: field.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.itemList }}',
		description: `${description} The ${what} as a list of IDs: an expression that gives a list of them, or IDs separated by commas`,
	};
}
