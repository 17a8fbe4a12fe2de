import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallRecord } from '../../../dev/diga-server/fixtures';
import { route } from '../../../dev/diga-server/routes';
import { IDS, locator, NO_CALLS_VIEW_API_KEY, run, useDigaServer } from '../../helpers';

/**
 * Call → Make's repeat guard (option Skip Repeat Calls Within, default 5 minutes): a call from the
 * same line to the same number created within the window, in Diga or in this run, is output
 * marked `skippedAsRepeat: true` instead of ringing the person again.
 */
const server = useDigaServer();

const TO = '+34612345678';
const make = (rest: IDataObject = {}) =>
	({ resource: 'call', operation: 'make', from: locator('list', IDS.outboundPhone), to: TO, ...rest }) as INodeParameters;
const posts = () => server.requestsTo('POST', '/v1/call/');
const callLookups = () => server.requestsTo('GET', '/v1/call/');

/** A call Diga placed `minutesAgo` from the outbound line to `to`, its time stamp written as Diga may write it. */
function earlierCall(minutesAgo: number, naive: boolean, to = TO): CallRecord {
	const created = new Date(Date.now() - minutesAgo * 60_000).toISOString();
	const call: CallRecord = {
		...server.state.calls[1],
		id: `d0000000-0000-4000-8000-0000000000${String(10 + Math.round(minutesAgo)).padStart(2, '0')}`,
		status: 'completed',
		phone_register_id: IDS.outboundPhone,
		contact: { ...server.state.calls[1].contact, identifier: to },
		// Python's naive date-time: no zone, meaning UTC.
		created_date: naive ? created.replace(/\.\d+Z$/, '') : created,
	};
	server.state.calls.push(call);
	// The spec's judge takes a time stamp without a zone for off-spec (it is, but Diga sends them):
	// the listing that carries it is a scripted answer, unjudged: the line's calls without the
	// date filter, so the node's own reading of the time stamp decides.
	if (naive) {
		server.fault({
			kind: 'computed',
			method: 'GET',
			path: /^\/v1\/call\/$/,
			status: 200,
			compute: ({ path, query: { start_created_date: _since, ...query } }) => route(server.state, 'GET', path, query, undefined).body,
		});
	}
	return call;
}

describe('Call → Make does not ring the same person twice', () => {
	test('run twice (a re-run, an execution retry, a duplicated webhook): one call, the second run outputs it as a repeat', async () => {
		const first = await run(server, { parameters: make() });
		const second = await run(server, { parameters: make() });

		expect(posts()).toHaveLength(1);
		expect(first.items[0].json.skippedAsRepeat).toBeUndefined();
		expect(second.items[0].json).toEqual({ ...first.items[0].json, skippedAsRepeat: true });
		expect(second.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('the look-up: GET /v1/call/ filtered on the line, outbound, created within the window', async () => {
		const before = Date.now();
		await run(server, { parameters: make() });
		const { query } = callLookups()[0];
		expect(query).toEqual({ phone_id: IDS.outboundPhone, type: 'outbound', start_created_date: expect.any(String), limit: '100' });
		const since = Date.parse(query.start_created_date);
		expect(since).toBeGreaterThanOrEqual(before - 5 * 60_000 - 1000);
		expect(since).toBeLessThanOrEqual(Date.now() - 5 * 60_000 + 1000);
	});

	test('three items for the same number in one run: one call, two repeats; one look-up per line for the run', async () => {
		const result = await run(server, { items: [{}, {}, {}], parameters: make() });

		expect(posts()).toHaveLength(1);
		expect(callLookups()).toHaveLength(1);
		expect(result.items.map((item) => item.json.skippedAsRepeat ?? false)).toEqual([false, true, true]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(1);
	});

	test('different numbers from one line: one call each, still one look-up', async () => {
		const numbers = ['+34612345678', '+34612345679', '+34612345680', '+34612345681'];
		const result = await run(server, { items: numbers.map((to) => ({ to })), parameters: make({ to: '={{ $json.to }}' }) });

		expect(posts()).toHaveLength(4);
		expect(callLookups()).toHaveLength(1);
		expect(result.items.every((item) => item.json.skippedAsRepeat === undefined)).toBe(true);
	});

	test('by number: the line is looked up once, then its calls', async () => {
		await run(server, { parameters: make({ from: locator('number', '+34600111222') }) });
		const second = await run(server, { parameters: make({ from: locator('number', '+34 600 111 222') }) });

		expect(posts()).toHaveLength(1);
		expect(second.items[0].json.skippedAsRepeat).toBe(true);
		expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/v1/phone/', '/v1/call/', '/v1/phone/', '/v1/call/']);
	});

	test('a call 4 minutes ago with a naive time stamp (UTC) is a repeat, one 6 minutes ago is not', async () => {
		const recent = earlierCall(4, true);
		const repeat = await run(server, { parameters: make() });
		expect(repeat.items[0].json).toMatchObject({ id: recent.id, skippedAsRepeat: true });
		expect(posts()).toHaveLength(0);

		server.state.calls = server.state.calls.filter((call) => call.id !== recent.id);
		earlierCall(6, true);
		const fresh = await run(server, { parameters: make() });
		expect(fresh.items[0].json.skippedAsRepeat).toBeUndefined();
		expect(posts()).toHaveLength(1);
	});

	test('naive time stamps are read as UTC whatever the TZ (checked in a child process: Jest fixes the zone)', () => {
		const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Madrid', 'Pacific/Kiritimati'];
		const script = `
			import { parseDigaTime } from './nodes/Diga/vocabulary/digaTime';
			const read = {};
			for (const zone of ${JSON.stringify(zones)}) {
				process.env.TZ = zone;
				read[zone] = [parseDigaTime('2026-07-01T09:00:00'), parseDigaTime('2026-07-01T09:00:00.123456'), parseDigaTime('2026-07-01T09:00:00+02:00'), new Date(2026, 0, 1).getTimezoneOffset()];
			}
			console.log(JSON.stringify(read));`;
		const output = execFileSync(process.execPath, [require.resolve('tsx/cli'), '-e', script], { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
		const read = JSON.parse(output) as Record<string, number[]>;
		for (const zone of zones) {
			expect(read[zone].slice(0, 3)).toEqual([Date.UTC(2026, 6, 1, 9), Date.UTC(2026, 6, 1, 9, 0, 0, 123), Date.UTC(2026, 6, 1, 7)]);
		}
		// The zones really differed in the child.
		expect(new Set(zones.map((zone) => read[zone][3])).size).toBe(zones.length);
	});

	test('a call from the line to another number is no repeat', async () => {
		earlierCall(1, false, '+34698000000');
		const result = await run(server, { parameters: make() });
		expect(result.items[0].json.skippedAsRepeat).toBeUndefined();
		expect(posts()).toHaveLength(1);
	});

	test('Retry On Fail after a lost answer: n8n runs the node again, the guard finds the call, no second ring', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/ });
		const result = await run(server, {
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			parameters: make({ options: { maxRetries: 2 } }),
		});

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(server.state.calls.filter((call) => call.type === 'outbound' && call.contact.identifier === TO)).toHaveLength(1);
		expect(result.items[0].json.skippedAsRepeat).toBe(true);
	});

	test('Skip Repeat Calls Within 0: no look-up, every run calls', async () => {
		await run(server, { parameters: make({ options: { skipRepeatCallsWithin: 0 } }) });
		await run(server, { parameters: make({ options: { skipRepeatCallsWithin: 0 } }) });
		expect(posts()).toHaveLength(2);
		expect(callLookups()).toHaveLength(0);
	});

	test('a window that is not a number from 0 to 1440 is refused before any request', async () => {
		const result = await run(server, { parameters: make({ options: { skipRepeatCallsWithin: -1 } }) });
		expect(result.error?.message).toBe('Option "Skip Repeat Calls Within (Minutes)" must be a number from 0 to 1440');
		expect(server.requests).toHaveLength(0);
	});
});

describe('the repeat guard knows the line and the number however they are written (issue 23)', () => {
	const callsTo = (to = TO) => server.state.calls.filter((call) => call.type === 'outbound' && call.contact.identifier === to);

	test('two items in one run, From by its number and by its ID, both in flight at once: one call, the second is a repeat', async () => {
		// POSTs take a while, so both items reach the guard before either call is placed.
		server.latencyMs = 40;
		const result = await run(server, {
			items: [{ from: '+34 600 111 222' }, { from: IDS.outboundPhone }],
			parameters: make({ from: locator('id', '={{ $json.from }}') }),
		});

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => r.body)).toEqual([{ from_number: '+34600111222', to_number: TO }]);
		expect(callsTo()).toHaveLength(1);
		expect(result.items.map((item) => [item.json.id, item.json.skippedAsRepeat ?? false, item.pairedItem])).toEqual([
			[callsTo()[0].id, false, { item: 0 }],
			[callsTo()[0].id, true, { item: 1 }],
		]);
	});

	test.each(['612345678', '34612345678', '0034612345678', '+34 612 34 56 78'])(
		'Diga lists the earlier call’s number as %s: the same number, no second call',
		async (identifier) => {
			const earlier = earlierCall(2, false, identifier);
			const result = await run(server, { parameters: make() });
			expect(result.items[0].json).toMatchObject({ id: earlier.id, skippedAsRepeat: true });
			expect(posts()).toHaveLength(0);
		},
	);

	test.each([
		['a 504 after Diga placed it', { status: 504 }],
		['a 502 after Diga placed it', { status: 502 }],
		['a connection reset after sending', { kind: 'reset' as const }],
		['no answer within the Timeout', { kind: 'hang' as const }],
	])('Continue On Fail, two identical items, %s: item 0 says the outcome is unknown, item 1 does not call again and says why', async (_case, lost) => {
		server.fault({ ...lost, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1 });
		const result = await run(server, {
			items: [{}, {}],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: make({ options: { timeout: 1000 } }),
		});

		expect(posts()).toHaveLength(1);
		expect(callsTo()).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/^Outcome unknown: Diga may have placed the call from c0000000-0005-4000-8000-000000000005 to \+34612345678/);
		expect(result.items[1]).toEqual({
			json: {
				skippedAsRepeat: true,
				outcomeUnknown: true,
				from_number: IDS.outboundPhone,
				to_number: TO,
				reason: expect.stringMatching(/^Not called, so as not to call twice: item 0 of this run sent the same call from c0000000-0005-4000-8000-000000000005 to \+34612345678, and Diga may have placed it \(Outcome unknown: /),
				check: expect.stringContaining(`Call → Get Many with Phone ID of the line ${IDS.outboundPhone}`),
			},
			pairedItem: { item: 1 },
		});
	});

	test('a lost answer counts for the line however the next item names it (By Number after By ID)', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1 });
		const result = await run(server, {
			items: [{ from: IDS.outboundPhone, to: TO }, { from: '+34600111222', to: '+34 612 345 678' }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: make({ from: locator('number', '={{ $json.from }}'), to: '={{ $json.to }}' }),
		});
		expect(posts()).toHaveLength(1);
		expect(result.items[1].json).toMatchObject({ skippedAsRepeat: true, outcomeUnknown: true });
	});

	test('a 503 that a gateway answers after passing the call on: before sending it again the guard looks in Diga, finds the call, and outputs it', async () => {
		server.fault({ status: 503, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1, headers: { 'retry-after': '0' } });
		const result = await run(server, { parameters: make() });

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(callsTo()).toHaveLength(1);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/call/', 'POST /v1/call/', 'GET /v1/call/']);
		expect(result.items[0].json).toEqual({ ...callsTo()[0], skippedAsRepeat: true });
	});

	test('a 503 that a gateway answers after passing the call on, and the guard’s look-up before sending it again fails (500): outcome unknown, not the look-up’s error alone', async () => {
		server.fault({ status: 503, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1, headers: { 'retry-after': '0' } });
		server.fault({ status: 500, method: 'GET', path: /^\/v1\/call\/$/, skip: 1, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		const result = await run(server, { parameters: make() });

		expect(posts()).toHaveLength(1);
		expect(callsTo()).toHaveLength(1);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/call/', 'POST /v1/call/', 'GET /v1/call/']);
		const error = result.error as Error & { description?: string };
		expect(error.message).toMatch(/^Outcome unknown: Diga may have placed the call from c0000000-0005-4000-8000-000000000005 to \+34612345678/);
		expect(error.description).toContain(`Call → Get Many with Phone ID of the line ${IDS.outboundPhone}`);
	});

	test('two items, From by number and by ID, To written two ways, the first POST answered 429 then 503 (passed on): one call, the second item outputs it', async () => {
		server.latencyMs = 20;
		server.fault({ status: 429, method: 'POST', path: /^\/v1\/call\/$/, times: 1, headers: { 'retry-after': '0' }, body: { message: 'Too many requests' } });
		server.fault({ status: 503, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1, headers: { 'retry-after': '0' } });
		const result = await run(server, {
			items: [{ from: '+34 600 111 222', to: '+34 612 34 56 78' }, { from: IDS.outboundPhone, to: TO }],
			parameters: make({ from: locator('id', '={{ $json.from }}'), to: '={{ $json.to }}' }),
		});

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(callsTo()).toHaveLength(1);
		expect(result.items.map((item) => [item.json.id, item.json.skippedAsRepeat ?? false])).toEqual([
			[callsTo()[0].id, true],
			[callsTo()[0].id, true],
		]);
	});

	test('Max Retries 0 and a 503 that a gateway answers after passing the call on: the guard looks in Diga once more and outputs the call, not "try again later"', async () => {
		server.fault({ status: 503, afterActing: true, method: 'POST', path: /^\/v1\/call\/$/, times: 1 });
		const result = await run(server, { parameters: make({ options: { maxRetries: 0 } }) });

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/call/', 'POST /v1/call/', 'GET /v1/call/']);
		expect(result.items[0].json).toEqual({ ...callsTo()[0], skippedAsRepeat: true });
	});

	test('a 429: the guard looks in Diga again, then the call is sent again and placed once', async () => {
		server.fault({ status: 429, method: 'POST', path: /^\/v1\/call\/$/, times: 1, headers: { 'retry-after': '0' }, body: { message: 'Too many requests' } });
		const result = await run(server, { parameters: make() });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/call/', 'POST /v1/call/', 'GET /v1/call/', 'POST /v1/call/']);
		expect(callsTo()).toHaveLength(1);
		expect(result.items[0].json.skippedAsRepeat).toBeUndefined();
	});

	test('a key that may place calls but not list them: the error names calls.view and how to turn the guard off; with 0 the call is placed', async () => {
		const refused = await run(server, { apiKey: NO_CALLS_VIEW_API_KEY, parameters: make() });
		const error = refused.error as Error & { description?: string; httpCode?: string };
		expect(error.message).toBe(
			'The Diga API key may not list calls (permission calls.view), which Call → Make’s repeat guard needs to look for an earlier call from this line. Give the key calls.view, or set Skip Repeat Calls Within (Minutes) to 0 to turn the guard off.',
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('Missing required permissions to view calls');
		expect(posts()).toHaveLength(0);

		const placed = await run(server, { apiKey: NO_CALLS_VIEW_API_KEY, parameters: make({ options: { skipRepeatCallsWithin: 0 } }) });
		expect(placed.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
	});
});
