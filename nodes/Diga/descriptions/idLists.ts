import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';

/**
 * A list of Diga records, each picked with a resource locator: a fixed collection whose entries
 * hold one picker each (read with `readIdList`). `add` is the button text, e.g. "Add Knowledge Item".
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
