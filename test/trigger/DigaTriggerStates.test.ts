import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { PollHarness } from '../../dev/engine/runPoll';
import type { CallRecord } from '../../dev/diga-server/fixtures';
import { finishCall, makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { DigaTrigger } from '../../nodes/Diga/DigaTrigger.node';
import { OVERLAP_MS } from '../../nodes/Diga/trigger/callWatch';
import { TEST_API_KEY, useDigaServer } from '../helpers';

/** The Diga Trigger at scale and through its states, in the engine against the test server (issues 23 and 27). */
const server = useDigaServer();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STATE = 'node:Diga Trigger';

const harness = (staticData?: IDataObject, event = 'callFinished') =>
	new PollHarness({ trigger: new DigaTrigger(), credential: new DigaApi(), parameters: { event }, credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl }, staticData });

let serial = 0;
const idOf = (n: number) => `e5000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A call on the test server, created `at` (ms), its dates naive as Python writes them; its id. */
function add(at: number, status: CallRecord['status'] = 'completed'): string {
	const id = idOf(++serial);
	const created = makeCall(id, pythonTime(at, true), { status });
	server.state.calls.push(status === 'completed' ? finishCall(created) : created);
	return id;
}
function setStatus(id: string, status: CallRecord['status']): void {
	const index = server.state.calls.findIndex((call) => call.id === id);
	server.state.calls[index] = status === 'completed' ? finishCall({ ...server.state.calls[index], status }) : { ...server.state.calls[index], status };
}
const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => String(item.json.id));
const requestCount = () => server.requests.length;
const bytes = (trigger: PollHarness) => JSON.stringify(trigger.staticData[STATE]).length;
const since = (trigger: PollHarness) => Date.parse((trigger.staticData[STATE] as { since: string }).since);

beforeEach(() => {
	server.state.naiveTimes = true;
	server.state.calls = [];
});

test('issue 27: 1,000 calls an hour, all ended, one in progress for 5 h: activation ≤ 10 minutes’ listing + the calls going on, a quiet poll ≤ 3 requests, static data < 20 kB', async () => {
	const now = Date.now();
	for (let at = now - 6 * HOUR - 10 * MINUTE; at < now; at += 3600) add(at);
	const stuck = add(now - 5 * HOUR, 'in_progress');
	const trigger = harness();

	expect(await trigger.poll()).toBeNull();
	// 167 calls in the last 10 minutes (2 pages), one listing each for dialing, queued, in progress.
	expect(requestCount()).toBe(2 + 3);

	for (let poll = 0; poll < 3; poll++) {
		server.requests = [];
		expect(await trigger.poll()).toBeNull();
		expect(requestCount()).toBeLessThanOrEqual(3);
		expect(server.requests.filter((r) => r.path === `/v1/call/${stuck}`)).toHaveLength(1);
		expect(bytes(trigger)).toBeLessThan(20_000);
	}
	const fresh = add(Date.now());
	setStatus(stuck, 'completed');
	server.requests = [];
	expect(ids(await trigger.poll()).sort()).toEqual([stuck, fresh].sort());
	expect(requestCount()).toBeLessThanOrEqual(3);
	expect(await trigger.poll()).toBeNull();
});

test('issue 23 point 6: a finished call dated 3 h ahead fires once and hides nothing; the window stays ≤ now − 10 min', async () => {
	const trigger = harness();
	add(Date.now() - MINUTE);
	await trigger.poll();
	const ahead = add(Date.now() + 3 * HOUR);
	const before = add(Date.now() - 30_000);
	expect(ids(await trigger.poll()).sort()).toEqual([ahead, before].sort());
	for (let k = 0; k < 3; k++) {
		const after = add(Date.now());
		expect(ids(await trigger.poll())).toEqual([after]);
		expect(since(trigger)).toBeLessThanOrEqual(Date.now() - OVERLAP_MS);
	}
});

describe('look-ups by id', () => {
	/** Activation with a call in progress for 2 hours and a busy hour since: the old call is looked up by id. */
	async function awaitingOld() {
		const now = Date.now();
		const old = add(now - 2 * HOUR, 'in_progress');
		for (let at = now - HOUR; at < now; at += 3600) add(at);
		const trigger = harness();
		await trigger.poll();
		server.requests = [];
		await trigger.poll();
		expect(server.requests.map((r) => r.path)).toContain(`/v1/call/${old}`);
		return { old, trigger };
	}

	test('a call deleted in Diga while awaited (404 CALL_NOT_FOUND) stops being awaited: no more look-ups, nothing fires', async () => {
		const { old, trigger } = await awaitingOld();
		server.state.calls = server.state.calls.filter((call) => call.id !== old);
		server.requests = [];
		expect(await trigger.poll()).toBeNull();
		expect(server.requests.map((r) => r.path)).toContain(`/v1/call/${old}`);
		server.requests = [];
		expect(await trigger.poll()).toBeNull();
		expect(server.requests.map((r) => r.path)).not.toContain(`/v1/call/${old}`);
	});

	test.each([
		['a 500', 500, { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Error: Internal Server Error' }],
		['a 404 that is not CALL_NOT_FOUND (a proxy’s page)', 404, { status: 'error', error_code: 'NOT_FOUND', message: 'Not Found' }],
	])('%s on a look-up fails the poll and changes nothing; the call is still awaited and fires once when it ends', async (_, status, body) => {
		const { old, trigger } = await awaitingOld();
		const state = trigger.staticData;
		server.fault({ method: 'GET', path: new RegExp(`^/v1/call/${old}$`), status, body });
		setStatus(old, 'completed');
		await expect(trigger.poll()).rejects.toMatchObject({ httpCode: String(status) });
		expect(trigger.staticData).toEqual(state);
		expect(ids(await trigger.poll())).toEqual([old]);
		expect(await trigger.poll()).toBeNull();
	});
});

test('the second page of a listing fails: the poll fails and changes nothing; the next poll fires every call once', async () => {
	const trigger = harness();
	add(Date.now() - MINUTE);
	await trigger.poll();
	const state = trigger.staticData;
	const created = Array.from({ length: 150 }, (_, k) => add(Date.now() - 30_000 + k));
	server.fault({ method: 'GET', path: /^\/v1\/call\/$/, skip: 1, status: 500, body: { status: 'error', error_code: 'X', message: 'No' } });
	await expect(trigger.poll()).rejects.toMatchObject({ httpCode: '500' });
	expect(trigger.staticData).toEqual(state);
	expect(ids(await trigger.poll()).sort()).toEqual(created.sort());
	expect(await trigger.poll()).toBeNull();
});

test('the static data the first version left (before the upgrade) carries on: the awaited call fires once, the fired one never again, nothing is lost', async () => {
	const now = Date.now();
	const fired = add(now - 15 * MINUTE);
	const awaited = add(now - 20 * MINUTE, 'in_progress');
	const iso = (ms: number) => new Date(ms).toISOString();
	// Exactly as the first version's poll wrote it (key, since, calls { created, done }).
	const left = {
		[STATE]: {
			key: JSON.stringify({ event: 'callFinished', qs: {} }),
			since: iso(now - 30 * MINUTE),
			calls: { [fired]: { created: iso(now - 15 * MINUTE), done: true }, [awaited]: { created: iso(now - 20 * MINUTE), done: false } },
		},
	};
	const trigger = harness(left);
	const later = add(now - MINUTE);
	expect(ids(await trigger.poll())).toEqual([later]);
	expect((trigger.staticData[STATE] as { v: number }).v).toBe(2);
	setStatus(awaited, 'completed');
	expect(ids(await trigger.poll())).toEqual([awaited]);
	// n8n restarted from what it saved: the same.
	const restarted = harness(trigger.savedStaticData);
	expect(await restarted.poll()).toBeNull();
});
