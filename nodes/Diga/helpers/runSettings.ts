import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from '../transport/client';
import { DEFAULT_REQUEST_SETTINGS } from '../transport/client';
import { readDecimal } from './input';

/**
 * Chosen from `npm run bench` (docs/performance.md): few requests in flight and close to the
 * latency floor; 20 or more matches the HTTP Request node's speed at 20 ms.
 */
export const DEFAULT_MAX_CONCURRENCY = 10;

/** Call → Make: a call from the same line to the same number this recent is not placed again. */
export const DEFAULT_REPEAT_WINDOW_MINUTES = 5;

export interface RunSettings {
	maxConcurrency: number;
	request: RequestSettings;
	/** Call → Make's repeat guard window; 0 = off. */
	repeatWindowMs: number;
}

function wholeNumber(context: IExecuteFunctions, value: unknown, field: string, min: number, max: number): number {
	const number = readDecimal(value);
	if (number === undefined || number < min || number > max) {
		throw new NodeOperationError(context.getNode(), `Option "${field}" must be a number from ${min} to ${max}`, {
			description: `It is ${JSON.stringify(value)}.`,
		});
	}
	return Math.floor(number);
}

export function readRunSettings(context: IExecuteFunctions): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const pick = (name: string, fallback: number) => (options[name] === undefined ? fallback : options[name]);
	return {
		maxConcurrency: wholeNumber(context, pick('maxConcurrency', DEFAULT_MAX_CONCURRENCY), 'Max Concurrency', 1, 100),
		request: {
			maxRetries: wholeNumber(context, pick('maxRetries', DEFAULT_REQUEST_SETTINGS.maxRetries), 'Max Retries', 0, 10),
			maxRetryWaitMs:
				wholeNumber(context, pick('maxRetryWait', DEFAULT_REQUEST_SETTINGS.maxRetryWaitMs / 1000), 'Max Retry Wait (Seconds)', 0, 3600) * 1000,
			timeoutMs: wholeNumber(context, pick('timeout', DEFAULT_REQUEST_SETTINGS.timeoutMs), 'Timeout (Ms)', 1, 3_600_000),
		},
		repeatWindowMs:
			wholeNumber(context, pick('skipRepeatCallsWithin', DEFAULT_REPEAT_WINDOW_MINUTES), 'Skip Repeat Calls Within (Minutes)', 0, 1440) * 60_000,
	};
}
