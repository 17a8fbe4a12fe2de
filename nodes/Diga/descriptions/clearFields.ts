import type { INodeProperties } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';
import { CLEAR_FIELDS } from '../vocabulary/fields';

/**
 * The one way an update empties a field in Diga: an empty field is never sent (it may be a field
 * added and left at its default, or an expression that found nothing), so emptying one is this
 * explicit choice. Read with `readClearFields`. `what`: "the agent's draft".
 */
export function clearFieldsOption(fields: readonly DigaField[], what: string): INodeProperties {
	return {
		displayName: CLEAR_FIELDS.label,
		name: CLEAR_FIELDS.name,
		type: 'multiOptions',
		default: [],
		description: `Fields to empty in ${what}. An empty field above is not sent and leaves Diga as it is; only this empties one.`,
		options: [...fields].sort((a, b) => a.label.localeCompare(b.label)).map((field) => ({ name: field.label, value: field.name })),
	};
}
