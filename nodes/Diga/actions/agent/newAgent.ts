import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResentAfter } from '../../transport/client';
import type { ErrorContext } from '../../transport/errors';
import type { LostAnswerAdvice } from '../../transport/lostAnswer';
import { outcomeUnknownError } from '../../transport/lostAnswer';
import { readPage } from '../../transport/paginate';
import type { DigaAgent } from '../../transport/types';
import { aRecord } from '../../transport/types';
import { parseDigaTime } from '../../vocabulary/digaTime';
import type { DigaField } from '../../vocabulary/fields';
import type { RunContext } from '../types';

/** What Create, Create From Template and Duplicate share: reading the name, the one POST, and what to say when its answer is lost. */

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

/** How far Diga's clock may be behind ours for an agent it made to count as made by this request. */
const CLOCK_SLACK_MS = 60_000;

/**
 * The create's `beforeResend`: after a 429 (Diga did not act) or a connection that never carried
 * it, nothing to look for. After a 503, which some gateways answer after passing the request on,
 * the newest agents are listed (one page, newest first). None named `name` created since the first
 * attempt (less CLOCK_SLACK_MS): Diga did not act, it is sent again. One or more: it may be this
 * request's agent or another's of the same name (names are not unique: another item of the run,
 * another execution), so it is neither taken nor sent again: the outcome is unknown. Without a
 * name to look for, likewise.
 */
export function lookForNewAgent(run: RunContext, name: string | undefined, advice: LostAnswerAdvice, itemIndex: number): (after: ResentAfter) => Promise<DigaAgent | undefined> {
	const since = Date.now() - CLOCK_SLACK_MS;
	return async ({ status }) => {
		if (status !== 503) return undefined;
		if (!name) {
			throw outcomeUnknownError(run.client.node, 'HTTP 503 from Diga or a gateway in front of it', advice, {
				itemIndex,
				httpCode: '503',
				story: 'Some gateways answer 503 after passing the request on, and without a name there is no way to look for the agent, so it was not sent again.',
			});
		}
		const page = await readPage<DigaAgent>(run.client, '/v1/agent/', {}, undefined, 100, { itemIndex });
		const made = page.data.filter((agent) => agent.name === name && (parseDigaTime(agent.created_at) ?? 0) >= since);
		if (made.length === 0) return undefined;
		throw outcomeUnknownError(run.client.node, 'HTTP 503 from Diga or a gateway in front of it', advice, {
			itemIndex,
			httpCode: '503',
			story: `Some gateways answer 503 after passing the request on, and Diga lists ${made.length === 1 ? 'an agent' : `${made.length} agents`} named "${name}" created since (${made.map((agent) => agent.agent_id).join(', ')}): ${made.length === 1 ? 'it' : 'one'} may be the one this request made, or another of the same name, so it was not sent again.`,
		});
	};
}

/** What a create sends, and how the new agent is named in its lost-answer advice. */
export interface AgentCreation {
	path: string;
	body: IDataObject;
	qs?: IDataObject;
	/** E.g. `"Acme reception"`, `copy of agent …`: "Diga may have created the agent <what>". */
	what: string;
	/** The name the new agent gets, when known: what Get Many and the 503 look-up look for. */
	name: string | undefined;
}

/** One POST that creates an agent: the lost-answer rule, and the look after a 503, for all three creates. */
export async function createAgent(run: RunContext, creation: AgentCreation, errorContext: ErrorContext & { itemIndex: number }): Promise<DigaAgent> {
	const lostAnswer = newAgentAdvice(creation.what, creation.name);
	return await run.client.request<DigaAgent>(
		{
			method: 'POST',
			path: creation.path,
			qs: creation.qs,
			body: creation.body,
			expect: aRecord('an agent', 'agent_id'),
			lostAnswer,
			beforeResend: lookForNewAgent(run, creation.name, lostAnswer, errorContext.itemIndex),
		},
		errorContext,
	);
}
