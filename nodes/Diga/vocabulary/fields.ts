/**
 * One field of a Diga request as the user sees it and as Diga names it. Each operation lists its
 * fields once; the description, the request it builds and the error messages all read that list.
 */
export interface DigaField {
	/** The n8n parameter name (workflow-facing: never rename). */
	readonly name: string;
	/** Diga's name for it, in the body, the query or the path. */
	readonly api: string;
	/** The label the user sees. */
	readonly label: string;
}

/** The fields that every list request carries, so a 422 about them names them too. */
export const PAGE_FIELDS: readonly DigaField[] = [
	{ name: 'limit', api: 'limit', label: 'Limit' },
	{ name: 'after', api: 'after', label: 'Page cursor' },
];

/** The phone most operations work on (the Phone locator). */
export const PHONE_FIELD = { name: 'phoneId', api: 'phone_id', label: 'Phone' } as const satisfies DigaField;

/**
 * An update's explicit choice of fields to empty in Diga (descriptions/clearFields.ts): an empty
 * field is never sent, so emptying one is this choice. Not a Diga field itself.
 */
export const CLEAR_FIELDS = { name: 'clearFields', api: '', label: 'Clear Fields' } as const satisfies DigaField;
