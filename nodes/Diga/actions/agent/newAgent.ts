import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LostAnswerAdvice } from '../../transport/lostAnswer';
import type { DigaField } from '../../vocabulary/fields';

/** What Create, Create From Template and Duplicate share: the new agent's name, and what to say when the answer is lost. */

/** A text field as text: `''` when empty; a number an expression gave is taken as written. */
export function readText(context: IExecuteFunctions, field: DigaField, itemIndex: number): string {
	const raw = context.getNodeParameter(field.name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null) return '';
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw new NodeOperationError(context.getNode(), `${field.label} must be text`, { itemIndex, description: `"${field.label}" is ${JSON.stringify(raw)?.slice(0, 200)}.` });
	}
	return String(raw).trim();
}

/** A required text field, or an error naming it. */
export function requireText(context: IExecuteFunctions, field: DigaField, itemIndex: number, hint: string): string {
	const text = readText(context, field, itemIndex);
	if (text === '') throw new NodeOperationError(context.getNode(), `${field.label} is empty`, { itemIndex, description: hint });
	return text;
}

/**
 * A create that lost its answer: Diga may have made the agent. Agent names are not unique in Diga, so
 * the check is by name and time: the agents list is newest first.
 */
export function newAgentAdvice(what: string, name: string | undefined): LostAnswerAdvice {
	const named = name ? `named "${name}" ` : '';
	return {
		mayHave: `Diga may have created the agent ${what}`,
		check: `Agent → Get Many (newest first) for an agent ${named}created in the last minutes; if it is there, do not create it again (or remove the extra one with Agent → Delete).`,
	};
}
