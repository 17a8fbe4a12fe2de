import type { Fault } from '../dev/diga-server/digaServer';
import { IDS, locator, run, TEST_API_KEY, updatePhone, useDigaServer, visibleText } from './helpers';

const server = useDigaServer();

const digaBody = (error_code: string, message: string) => ({ status: 'error', error_code, message });
const patches = () => server.requestsTo('PATCH').length;

interface Case {
	name: string;
	fault: Fault;
	/** PATCHes for one item when the fault persists (1 = not retried; 1 + maxRetries = retried). */
	requests: number;
	message: string | RegExp;
	description?: string | RegExp;
}

// Options for these runs: two retries, and a timeout short enough for the hang cases yet long enough
// that a loaded machine's slow answer is not taken for a hang (300 ms was, under load).
const options = { maxRetries: 2, timeout: 1500 };
// What the error adds for a change stopped at item 1: item 0 was carried out, item 2 not sent.
const carriedOut = `Already carried out in Diga, do not repeat them: item 0 (id ${IDS.salesPhone}). Not sent: item 2.`;

const cases: Case[] = [
	{ name: '401', fault: { status: 401, body: digaBody('UNAUTHORIZED', 'Invalid API key') }, requests: 1, message: /^Diga did not accept the API key/ },
	{ name: '403', fault: { status: 403, body: digaBody('FORBIDDEN', 'Missing required permissions') }, requests: 1, message: /^The Diga API key lacks permission/ },
	{ name: '404', fault: { status: 404, body: digaBody('PHONE_NOT_FOUND', `Phone ${IDS.supportPhone} not found`) }, requests: 1, message: `Diga could not find phone ${IDS.supportPhone} in this account` },
	{ name: '409', fault: { status: 409, body: digaBody('PHONE_BUSY', 'Phone is being ported') }, requests: 1, message: 'Diga reported a conflict: Phone is being ported' },
	{
		name: '422 (FastAPI)',
		fault: { status: 422, body: { detail: [{ loc: ['body', 'nickname'], msg: 'Input should be a valid string', type: 'string_type' }] } },
		requests: 1,
		message: 'Diga rejected these fields: Nickname (nickname): Input should be a valid string',
	},
	{ name: '422 (Diga)', fault: { status: 422, body: digaBody('NOT_VALID_FIELD', 'Invalid field value') }, requests: 1, message: 'Diga rejected the request: Invalid field value' },
	{ name: '429 with Retry-After', fault: { status: 429, headers: { 'retry-after': '0' }, body: digaBody('RATE_LIMITED', 'Slow down') }, requests: 3, message: /^Diga is rate-limiting this API key/ },
	{ name: '429 without Retry-After', fault: { status: 429, body: digaBody('RATE_LIMITED', 'Slow down') }, requests: 3, message: /^Diga is rate-limiting this API key/ },
	{ name: '500', fault: { status: 500, body: digaBody('INTERNAL_SERVER_ERROR', 'An internal server error occurred') }, requests: 1, message: 'Diga had a server error (HTTP 500). Try again later.', description: /Diga says: An internal server error occurred/ },
	{ name: '502 (HTML)', fault: { kind: 'raw', status: 502, rawBody: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, requests: 3, message: 'Diga had a server error (HTTP 502). Try again later.', description: /body not JSON: <html><body><h1>502 Bad Gateway/ },
	{ name: '503', fault: { status: 503, body: digaBody('UNAVAILABLE', 'Maintenance') }, requests: 3, message: 'Diga had a server error (HTTP 503). Try again later.' },
	{ name: '504', fault: { status: 504 }, requests: 3, message: 'Diga had a server error (HTTP 504). Try again later.', description: 'HTTP 504 with an empty body' },
	{ name: 'connection reset', fault: { kind: 'reset' }, requests: 3, message: /^Could not reach Diga at http:\/\/127\.0\.0\.1:\d+: the connection was reset$/, description: /ECONNRESET/ },
	{ name: 'hang past the timeout', fault: { kind: 'hang' }, requests: 3, message: 'Diga did not answer within the Timeout option (1500 ms)' },
	{ name: 'HTML with 200', fault: { kind: 'raw', status: 200, rawBody: '<html>Login</html>' }, requests: 1, message: 'Diga answered, but not with a phone', description: /body not JSON: <html>Login<\/html>/ },
	{ name: 'empty 200', fault: { kind: 'raw', status: 200, rawBody: '' }, requests: 1, message: 'Diga answered, but not with a phone', description: 'HTTP 200 with an empty body' },
	{ name: '200 that is not a phone', fault: { status: 200, body: { data: [] } }, requests: 1, message: 'Diga answered, but not with a phone' },
];

describe.each(cases)('$name', ({ fault, requests, message, description }) => {
	test('on the second of three items: right error, right item, retried exactly as it should be', async () => {
		server.fault({ ...fault, method: 'PATCH', path: new RegExp(IDS.supportPhone), times: 100 });
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: IDS.supportPhone }, { id: IDS.receptionPhone }],
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { ...options, maxConcurrency: 1 }),
		});

		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 1 } });
		expect(result.error?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		if (description) {
			const text = (result.error as { description?: string }).description;
			expect(text).toEqual(typeof description === 'string' ? `${description} ${carriedOut}` : expect.stringMatching(description));
		}
		// Item 0 once, item 1 as often as retried, item 2 never (the run stops at item 1).
		expect(server.requestsTo('PATCH').map((r) => r.path.slice(10))).toEqual([
			IDS.salesPhone,
			...Array<string>(requests).fill(IDS.supportPhone),
		]);
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});

	test('with continue on fail: exactly one output item per input item', async () => {
		server.fault({ ...fault, method: 'PATCH', path: new RegExp(IDS.supportPhone), times: 100 });
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: IDS.supportPhone }, { id: IDS.receptionPhone }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, options),
		});

		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe(IDS.salesPhone);
		expect(result.items[1].json.error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(result.items[2].json.id).toBe(IDS.receptionPhone);
		expect(patches()).toBe(2 + requests);
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});
});

describe('retries that succeed', () => {
	test.each([
		['429 with Retry-After: 1', { status: 429, headers: { 'retry-after': '1' } }],
		['503', { status: 503 }],
		['connection reset', { kind: 'reset' as const }],
		['a hang past the timeout', { kind: 'hang' as const }],
	])('%s once, then success: two requests, the phone in the output', async (_name, fault) => {
		server.fault({ ...fault, method: 'PATCH', times: 1 });
		const started = Date.now();
		const result = await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'Retried' }, options),
		});
		expect(result.error).toBeUndefined();
		expect(patches()).toBe(2);
		expect(result.items[0].json).toMatchObject({ id: IDS.salesPhone, nickname: 'Retried' });
		if (_name.startsWith('429')) expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('a Retry-After longer than Max Retry Wait is not waited for', async () => {
		server.fault({ method: 'PATCH', status: 429, headers: { 'retry-after': '120' }, times: 1 });
		const started = Date.now();
		const result = await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }, { maxRetryWait: 60 }),
		});
		expect(result.error?.message).toMatch(/^Diga is rate-limiting/);
		expect(patches()).toBe(1);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('Max Retries 0 turns retries off', async () => {
		server.fault({ method: 'PATCH', status: 503, times: 1 });
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }, { maxRetries: 0 }) });
		expect(result.error?.message).toBe('Diga had a server error (HTTP 503). Try again later.');
		expect(patches()).toBe(1);
	});

	test('the number lookup is retried too, and still happens once for all items', async () => {
		server.fault({ method: 'GET', status: 502, times: 1 });
		const result = await run(server, {
			items: [{ n: '+34911234567' }, { n: '+34911234568' }, { n: '+34931112233' }],
			parameters: updatePhone(locator('number', '={{ $json.n }}'), { nickname: 'x' }, options),
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('GET')).toHaveLength(2);
		expect(patches()).toBe(3);
	});
});

describe('bounded concurrency', () => {
	test.each([1, 4, 10])('Max Concurrency %i: never more in flight, outputs in input order', async (maxConcurrency) => {
		server.reset(60);
		server.latencyMs = 15;
		const phones = server.state.phones.slice(5, 65);
		const result = await run(server, {
			items: phones.map((phone) => ({ id: phone.id })),
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency }),
		});
		expect(result.error).toBeUndefined();
		expect(server.maxInFlight).toBe(maxConcurrency);
		expect(result.items.map((item) => item.json.id)).toEqual(phones.map((phone) => phone.id));
		expect(result.items.map((item) => item.pairedItem)).toEqual(phones.map((_, item) => ({ item })));
	});
});
