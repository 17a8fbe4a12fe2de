import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';

/** The "Additional Fields" collection of an operation: optional fields, sent only when added. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** The "Update Fields" collection of an update: the fields to change, sent only when added. */
export function updateFields(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** A free-text field, labelled and named by its Diga field. */
export function textField(field: DigaField, description: string, placeholder?: string): INodeProperties {
	return { displayName: field.label, name: field.name, type: 'string', default: '', description, ...(placeholder ? { placeholder } : {}) };
}

/** An options list from Diga's values and their names, in the alphabetical order n8n's linter expects. */
export function namedChoices(names: Readonly<Record<string, string>>): Array<{ name: string; value: string }> {
	return Object.entries(names)
		.map(([value, name]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
