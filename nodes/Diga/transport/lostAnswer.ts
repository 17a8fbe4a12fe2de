import type { INode, NodeApiError } from 'n8n-workflow';

import type { ErrorContext } from './errors';
import { digaApiError } from './errors';

/** What an operation tells the user when a request that creates something loses its answer. */
export interface LostAnswerAdvice {
	/** What Diga may have done, e.g. "Diga may have placed the call from +34600111222 to +34612345678". */
	mayHave: string;
	/** How to find out before running again, e.g. "Call → Get Many with …". */
	check: string;
}

const GENERIC_ADVICE: LostAnswerAdvice = {
	mayHave: 'Diga may have carried out the request',
	check: 'Look in Diga (its dashboard, or a Get / Get Many operation of this node) for what the request would have created.',
};

/** The errors `outcomeUnknownError` made: Diga may have acted on their request. */
const unknownOutcomes = new WeakSet<object>();

/** Whether the error says a create reached Diga and its answer was lost (Diga may have acted). */
export function isOutcomeUnknown(error: unknown): boolean {
	return typeof error === 'object' && error !== null && unknownOutcomes.has(error);
}

/**
 * A request that creates something (a POST) was sent, and its answer was lost on the way back:
 * a gateway's 502/504, a connection that broke after the request was written, or no answer
 * within the Timeout. Diga may have acted, so it is not sent again; the user checks first.
 */
export function outcomeUnknownError(
	node: INode,
	how: string,
	advice: LostAnswerAdvice = GENERIC_ADVICE,
	context: ErrorContext & { httpCode?: string; detail?: string; story?: string } = {},
): NodeApiError {
	const message = `Outcome unknown: ${advice.mayHave}, but its answer was lost (${how})`;
	const description = [
		// `story`: what happened after, where the request was sent again or stopped instead.
		context.story ?? 'The request reached Diga or a gateway in front of it; no answer came back, so it was not sent again (sending it again could do it twice).',
		`Before running this item again, check: ${advice.check}`,
		context.detail ? `Detail: ${context.detail}` : '',
	].filter(Boolean).join(' ');
	const error = digaApiError(node, { message, outcome: 'unknown', ...(context.httpCode ? { httpCode: context.httpCode } : {}) }, {
		message,
		description,
		httpCode: context.httpCode,
		itemIndex: context.itemIndex,
		// Why it failed: Diga or the way to it is degraded. Not what to do: the message says to check first.
		failure: { cause: 'temporarily-unavailable' },
	});
	unknownOutcomes.add(error);
	return error;
}

/** How an answer was lost, in words (codes are not put into messages: NodeApiError would replace them). */
export function describeLostAnswer(status: number | undefined, timedOut: boolean, timeoutMs: number): string {
	if (status !== undefined) return `HTTP ${status} from Diga or a gateway in front of it`;
	if (timedOut) return `no answer within the Timeout option, ${timeoutMs} ms`;
	return 'the connection broke after the request was sent';
}
