import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from '../transport/client';
import { DEFAULT_REQUEST_SETTINGS } from '../transport/client';

/**
 * Chosen from `npm run bench` (README, Performance): few requests in flight and close to the
 * latency floor; 20 or more matches the HTTP Request node's speed at 20 ms.
 */
export const DEFAULT_MAX_CONCURRENCY = 10;

/**
 * Options every operation shares. Read once per execution, from the first item.
 * The defaults are literals for n8n's linter; a test checks they equal the constants above.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description:
				'How many requests to Diga may be in flight at once when this node runs for many items. 1 processes items strictly one after another.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a request that failed for a passing reason (HTTP 429, 502, 503, 504, a reset connection or a timeout). Other errors are never retried.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'The longest time one request may spend waiting between retries in total, including waits Diga asks for with Retry-After',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'How long to wait for Diga to answer one request before giving up on it',
		},
	],
};

export interface RunSettings {
	maxConcurrency: number;
	request: RequestSettings;
}

function wholeNumber(context: IExecuteFunctions, value: unknown, field: string, min: number, max: number): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number < min || number > max) {
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
	};
}
