import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallRecord } from '../../../dev/diga-server/fixtures';
import { route } from '../../../dev/diga-server/routes';
import { IDS, locator, run, useDigaServer } from '../../helpers';

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
			import { parseDigaTime } from './nodes/Diga/helpers/repeatCalls';
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
