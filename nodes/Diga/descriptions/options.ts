import type { INodeProperties } from 'n8n-workflow';

/**
 * Options every operation shares. Read once per execution, from the first item.
 * The defaults are literals for n8n's linter; a test checks they equal the constants in
 * helpers/runSettings.ts, which reads them.
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
				'How often to retry a request that failed for a passing reason. Reads and changes that are the same however often they arrive (Get, Get Many, Update, Update SIP Config, Publish Version, Release, Delete calls): after HTTP 429, 502, 503, 504, a reset connection or a timeout. Requests that create something (Make a call, Import, Create a version): only after HTTP 429, 503 or a connection that never carried the request, because after a 502, 504, a reset or a timeout Diga may already have acted. Other errors are never retried.',
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
			displayName: 'Skip Repeat Calls Within (Minutes)',
			name: 'skipRepeatCallsWithin',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1440 },
			default: 5,
			displayOptions: { show: { '/resource': ['call'], '/operation': ['make'] } },
			description:
				'Before placing a call, look for a call from the same line to the same number created this many minutes ago or later, in Diga and in this run; if there is one, output it with "skippedAsRepeat": true instead of calling again. Guards against re-runs, retries and duplicated triggers. 0 turns it off.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description:
				'How long one request to Diga may take in all — connecting, waiting and reading the whole answer — before it is given up (and retried per Max Retries, except a request that creates something: see Max Retries)',
		},
	],
};
