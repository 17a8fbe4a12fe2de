import type { IDataObject, INodeExecutionData, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { PollHarness } from '../../dev/engine/runPoll';
import type { CallRecord } from '../../dev/diga-server/fixtures';
import { CALL_IDS, finishCall, makeCall, pythonTime, readTime } from '../../dev/diga-server/fixtures';
import { DigaTestServer } from '../../dev/diga-server/digaServer';
import { DigaTrigger } from '../../nodes/Diga/DigaTrigger.node';
import { CALL_EVENTS, EVENT_OPTIONS, POLL_EVENTS } from '../../nodes/Diga/trigger/events';
import { HORIZON_MS } from '../../nodes/Diga/trigger/callWatch';
import { IDS, locator, TEST_API_KEY, useDigaServer } from '../helpers';

const server = useDigaServer();

function harness(parameters: INodeParameters, staticData?: IDataObject, on: DigaTestServer = server, activation?: WorkflowActivateMode): PollHarness {
	return new PollHarness({
		trigger: new DigaTrigger(),
		credential: new DigaApi(),
		parameters,
		credentials: { apiKey: TEST_API_KEY, baseUrl: on.baseUrl },
		staticData,
		activation,
	});
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The calls of the story below, by name, and their ids. */
const ids = new Map<string, string>();
const idOf = (name: string) => ids.get(name)!;
const nameOf = (id: string) => [...ids].find(([, value]) => value === id)?.[0] ?? id;
let serial = 0;

/** A call on Diga, its date-times written as `s` writes them: with an offset, or (`naiveTimes`) as Python's naive ones. */
function newCall(s: DigaTestServer, name: string, overrides: Partial<CallRecord> = {}, createdAt = Date.now()): void {
	const id = `e3000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
	ids.set(name, id);
	s.state.calls.push(makeCall(id, pythonTime(createdAt, s.state.naiveTimes), { status: 'dialing', ...overrides }));
}
function setStatus(s: DigaTestServer, name: string, status: CallRecord['status']): void {
	const index = s.state.calls.findIndex((call) => call.id === idOf(name));
	const call = { ...s.state.calls[index], status };
	s.state.calls[index] = status === 'completed' ? finishCall({ ...call, end_time: pythonTime(Date.now(), s.state.naiveTimes) }) : call;
}
/** "B, X1…X120 (121 calls)" for a test name. */
const summary = (fired: string[]) =>
	fired.length === 0 ? 'nothing' : fired.length <= 3 ? fired.join(', ') : `${fired.slice(0, 2).join(', ')}…${fired[fired.length - 1]} (${fired.length} calls)`;
const bulk = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const names = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => nameOf(String(item.json.id)));
const listQueries = (on: DigaTestServer = server) => on.requestsTo('GET', '/v1/call/').filter((r) => r.path === '/v1/call/').map((r) => r.query);
/** The look-ups by id (`GET /v1/call/{id}`) sent. */
const lookUps = (on: DigaTestServer = server) => on.requestsTo('GET', '/v1/call/').filter((r) => r.path !== '/v1/call/').map((r) => r.path.slice('/v1/call/'.length));

/** Both stories begin alike: activation over some history, then B dialing and C over at once. */
function firstTwoPolls(secondFires: string[]): Step[] {
	return [
		{
			poll: '1 (activation)',
			what: 'A in progress, started 2 min before; H ended before activation; O in progress, started 7 h before; 3 older calls',
			before: (s) => {
				newCall(s, 'A', { status: 'in_progress' }, Date.now() - 2 * MINUTE);
				newCall(s, 'H', { status: 'completed' }, Date.now() - 30 * MINUTE);
				newCall(s, 'O', { status: 'in_progress' }, Date.now() - 7 * HOUR);
			},
			fires: [],
			pages: 1,
			goingOn: true,
		},
		{
			poll: '2',
			what: 'B dialing; C created and completed',
			before: (s) => {
				newCall(s, 'B');
				newCall(s, 'C', { status: 'completed' });
			},
			fires: secondFires,
			pages: 1,
		},
	];
}

interface Step {
	poll: string;
	/** The row's words for `before`. */
	what: string;
	/** What happens on Diga before this poll. */
	before: (s: DigaTestServer) => void;
	fires: string[];
	/** `GET /v1/call/` pages of recent calls this poll reads. */
	pages: number;
	/** The activation of an event that waits for calls: it also lists the calls dialing, queued and in progress (one page each). */
	goingOn?: boolean;
	/** Start from the static data the previous poll left, in a new harness (n8n restarted). */
	restart?: boolean;
}

/**
 * Call Finished, poll by poll (each row is one test, run in order against one live state):
 *
 * | poll | on Diga before the poll                                                        | fires      | pages |
 * |------|--------------------------------------------------------------------------------|------------|-------|
 * | 1    | A in progress (started 2 min before); H ended before; O in progress, 7 h old    | nothing    | 1     |
 * | 2    | B dialing; C created and completed                                             | C          | 1     |
 * | 3    | B in progress; D created, in progress; A (in progress at activation) completes; H, O complete | A | 1 |
 * | 4    | B completes (created two polls ago); 120 calls created and completed            | B, X1…X120 | 2     |
 * | 5    | (n8n restarts with the saved static data) D completes; E completes              | D, E       | 2     |
 * | 6    | nothing                                                                        | nothing    | 2     |
 *
 * Activation lists the calls of the last 10 minutes, and those dialing, queued or in progress of the
 * last 6 h 10 min (one listing each): A is awaited, H (already ended) is history, O (older than the
 * 6 h wait limit) is not awaited. No poll looks a call up by id: every awaited call is in the window. Pages: the window reaches back 10 minutes
 * before the newest call, so X1…X120 are read again (and recognised) until they fall out of it.
 * The story runs twice: Diga writing its date-times with an offset, and without one (Python).
 */
const callFinished: Step[] = [
	...firstTwoPolls(['C']),
	{
		poll: '3',
		what: 'B in progress; D created, in progress; A (in progress at activation) completes; H and O complete',
		before: (s) => {
			setStatus(s, 'B', 'in_progress');
			newCall(s, 'D', { status: 'in_progress' });
			setStatus(s, 'A', 'completed');
			setStatus(s, 'H', 'completed');
			setStatus(s, 'O', 'completed');
		},
		fires: ['A'],
		pages: 1,
	},
	{
		poll: '4',
		what: 'B completes (created two polls ago); X1…X120 created and completed',
		before: (s) => {
			setStatus(s, 'B', 'completed');
			for (const name of bulk('X', 120)) newCall(s, name, { status: 'completed' });
		},
		fires: ['B', ...bulk('X', 120)],
		pages: 2,
	},
	{
		poll: '5 (n8n restarted with the saved static data)',
		what: 'D completes; E created and completed',
		restart: true,
		before: (s) => {
			setStatus(s, 'D', 'completed');
			newCall(s, 'E', { status: 'completed' });
		},
		fires: ['D', 'E'],
		pages: 2,
	},
	{ poll: '6', what: 'nothing', before: () => {}, fires: [], pages: 2 },
];

/** New Call: every call once, when first listed, whatever its status; status changes fire nothing. */
const newCalls: Step[] = [
	...firstTwoPolls(['B', 'C']),
	{
		poll: '3',
		what: 'B completes; Y1…Y120 created, in queue',
		before: (s) => {
			setStatus(s, 'B', 'completed');
			for (const name of bulk('Y', 120)) newCall(s, name, { status: 'in_queue' });
		},
		fires: bulk('Y', 120),
		pages: 2,
	},
	{ poll: '4 (n8n restarted with the saved static data)', what: 'D created', restart: true, before: (s) => newCall(s, 'D'), fires: ['D'], pages: 2 },
	{ poll: '5', what: 'Y1 completes', before: (s) => setStatus(s, 'Y1', 'completed'), fires: [], pages: 2 },
];

function story(event: string, steps: Step[], naiveTimes = false) {
	describe(`Diga Trigger, ${event}, date-times ${naiveTimes ? 'without an offset (Python)' : 'with an offset'}: poll by poll`, () => {
		// One live story on its own server: reset once, not before each row.
		const live = new DigaTestServer();
		let trigger: PollHarness;
		let lastStart = '';
		beforeAll(async () => {
			await live.start();
			live.state.naiveTimes = naiveTimes;
			ids.clear();
			trigger = harness({ event }, undefined, live);
		});
		afterAll(async () => await live.stop());
		beforeEach(() => (live.requests = []));

		test.each(steps.map((step) => ({ ...step, firing: summary(step.fires) })))('poll $poll | $what | fires $firing | $pages page(s)', async (step) => {
			if (step.restart) trigger = harness({ event }, trigger.savedStaticData, live, 'init');
			const since = (trigger.staticData['node:Diga Trigger'] as { since?: string } | undefined)?.since;
			step.before(live);

			const fired = await trigger.poll();

			expect(names(fired)).toEqual(step.fires);
			if (step.fires.length === 0) expect(fired).toBeNull();
			const all = listQueries(live);
			const queries = all.filter((query) => !query.status);
			expect(queries).toHaveLength(step.pages);
			const goingOn = step.goingOn && event !== 'newCall';
			expect(all.filter((query) => query.status).map((query) => query.status)).toEqual(goingOn ? ['dialing', 'in_queue', 'in_progress'] : []);
			expect(lookUps(live)).toEqual([]);
			// Every page asks for the calls created since the window's start, with Diga's cursor after the first.
			expect(queries[0]).toEqual({ limit: '100', start_created_date: since ?? expect.any(String) });
			queries.slice(1).forEach((query) => expect(query).toEqual({ limit: '100', start_created_date: queries[0].start_created_date, after: expect.any(String) }));
			lastStart = queries[0].start_created_date;
			expect(fired?.every((item) => item.json.id && (item.json as { status: string }).status) ?? true).toBe(true);
		});

		test('the state holds only calls the last poll listed, or which can still be listed or still await their event', () => {
			const state = trigger.staticData['node:Diga Trigger'] as { calls: Record<string, unknown>; since: string };
			const remembered = Object.keys(state.calls).sort();
			const from = Math.min(Date.parse(state.since), Date.parse(lastStart));
			const inWindow = live.state.calls.filter((call) => readTime(call.created_date) >= from).map((call) => call.id);
			expect(remembered).toEqual(inWindow.sort());
			expect(remembered).not.toContain(CALL_IDS.inboundDone);
		});
	});
}

story('callFinished', callFinished);
story('callFinished', callFinished, true);
story('newCall', newCalls);

describe('Diga Trigger: output, filters, Fetch Test Event', () => {
	test('an event is the call exactly as GET /v1/call/{id} returns it', async () => {
		const trigger = harness({ event: 'callFinished' });
		await trigger.poll();
		newCall(server, 'F', { status: 'completed' });
		const [item] = (await trigger.poll())!;
		expect(item.json).toEqual(server.state.calls.find((call) => call.id === idOf('F')));
	});

	test('Phone (by number), Agent and Direction become the spec’s query parameters on every poll', async () => {
		const trigger = harness({
			event: 'newCall',
			filters: { phoneId: locator('number', '+34 600 111 222'), agentId: locator('list', IDS.salesAgent), direction: 'outbound' },
		});
		await trigger.poll();
		newCall(server, 'G', { type: 'outbound', agent_id: IDS.salesAgent, phone_register_id: IDS.outboundPhone });
		newCall(server, 'H', { type: 'inbound', agent_id: IDS.salesAgent, phone_register_id: IDS.outboundPhone });
		const fired = await trigger.poll();
		expect(names(fired)).toEqual(['G']);
		// The activation's listing of the last 10 minutes is empty: the newest call (limit 1) shows that nothing is newer than 6 h 10 min.
		expect(server.requests.map((r) => r.path)).toEqual(['/v1/phone/', '/v1/call/', '/v1/call/', '/v1/phone/', '/v1/call/']);
		expect(listQueries()[1]).toEqual({ limit: '1', phone_id: IDS.outboundPhone, agent_id: IDS.salesAgent, type: 'outbound' });
		expect(listQueries()[2]).toEqual({
			limit: '100',
			phone_id: IDS.outboundPhone,
			agent_id: IDS.salesAgent,
			type: 'outbound',
			start_created_date: expect.any(String),
		});
		// The activation lists the last 10 minutes; with no call newer than 6 h 10 min, the window is then the last 6 h 10 min, moving with the clock.
		const [first, second] = [listQueries()[0], listQueries()[2]].map((query) => Date.parse(query.start_created_date));
		expect(first).toBeLessThanOrEqual(Date.now() - 10 * MINUTE);
		expect(first).toBeGreaterThan(second);
		expect(second).toBeLessThanOrEqual(Date.now() - HORIZON_MS);
	});

	test('a restart from the state n8n saved when the trigger last fired (not after the quiet polls since) misses nothing and fires nothing twice', async () => {
		const first = harness({ event: 'callFinished' });
		await first.poll();
		newCall(server, 'K', { status: 'completed' });
		expect(names(await first.poll())).toEqual(['K']);
		// n8n saves a poll trigger's static data when a poll fires; a quiet poll's changes may be lost.
		newCall(server, 'L', { status: 'in_progress' });
		expect(await first.poll()).toBeNull();
		const saved = first.savedStaticData;
		expect(saved).not.toEqual(first.staticData);

		const restarted = harness({ event: 'callFinished' }, saved);
		setStatus(server, 'L', 'completed');
		expect(names(await restarted.poll())).toEqual(['L']);
		expect(await restarted.poll()).toBeNull();
	});

	test('what fires is saved even when the window does not move (an older call still in progress holds it)', async () => {
		const trigger = harness({ event: 'callFinished' });
		await trigger.poll();
		newCall(server, 'P', { status: 'in_progress' });
		newCall(server, 'Q', { status: 'in_progress' });
		expect(await trigger.poll()).toBeNull();
		setStatus(server, 'Q', 'completed');
		expect(names(await trigger.poll())).toEqual(['Q']);
		newCall(server, 'R', { status: 'completed' });
		expect(names(await trigger.poll())).toEqual(['R']);

		const restarted = harness({ event: 'callFinished' }, trigger.savedStaticData);
		expect(await restarted.poll()).toBeNull();
		setStatus(server, 'P', 'completed');
		expect(names(await restarted.poll())).toEqual(['P']);
	});

	test('changing the event starts afresh: no flood of old calls', async () => {
		const finished = harness({ event: 'callFinished' });
		await finished.poll();
		newCall(server, 'I', { status: 'completed' });
		expect(names(await finished.poll())).toEqual(['I']);
		const changed = harness({ event: 'newCall' }, finished.savedStaticData);
		expect(await changed.poll()).toBeNull();
		newCall(server, 'J');
		expect(names(await changed.poll())).toEqual(['J']);
	});

	test.each([
		// The newest 100 calls, the newest ended one of them (any status other than dialing, in queue, in progress).
		['callFinished', { limit: '100' }, CALL_IDS.outboundDone],
		['newCall', { limit: '1' }, CALL_IDS.inboundLive],
	])('Fetch Test Event (%s): the most recent matching call, one request, state untouched', async (event, query, expected) => {
		const trigger = harness({ event });
		const { items, error } = await trigger.fetchTestEvent();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([expected]);
		expect(listQueries()).toEqual([query]);
		expect(trigger.staticData).toEqual({});
	});

	test('the Phone filter reads as in the actions: a number typed in By ID is looked up, text that is neither fails naming the field', async () => {
		const byNumberInIdMode = harness({ event: 'newCall', filters: { phoneId: locator('id', '+34 600 111 222') } });
		await byNumberInIdMode.poll();
		expect(listQueries()[0].phone_id).toBe(IDS.outboundPhone);

		server.reset();
		const neither = harness({ event: 'newCall', filters: { phoneId: locator('id', 'sales line') } });
		await expect(neither.poll()).rejects.toMatchObject({ message: 'Phone is not a valid ID: "sales line"' });
		expect(server.requests).toEqual([]);
	});

	test('a wrong key: the poll fails with the 401 advice', async () => {
		const trigger = new PollHarness({
			trigger: new DigaTrigger(),
			credential: new DigaApi(),
			parameters: { event: 'callFinished' },
			credentials: { apiKey: 'wrong', baseUrl: server.baseUrl },
		});
		await expect(trigger.poll()).rejects.toMatchObject({ httpCode: '401', message: expect.stringMatching(/did not accept the API key/) });
	});
});

describe('Diga Trigger: restart, reactivation, failed polls', () => {
	/** Activation, C fires; then the workflow is off (or n8n down) while D ends and E starts; F was fired before. */
	async function offAndBack(activation: WorkflowActivateMode) {
		const first = harness({ event: 'callFinished' });
		await first.poll();
		newCall(server, 'C', { status: 'completed' });
		expect(names(await first.poll())).toEqual(['C']);
		newCall(server, 'D', { status: 'in_progress' });
		expect(await first.poll()).toBeNull();
		// Off. n8n keeps the static data it last saved (when C fired) and polls nothing.
		setStatus(server, 'D', 'completed');
		newCall(server, 'E', { status: 'in_progress' });
		newCall(server, 'G', { status: 'completed' });
		return harness({ event: 'callFinished' }, first.savedStaticData, server, activation);
	}

	test.each([
		['n8n restarted with the workflow active', 'init'],
		['the workflow switched off and on again', 'activate'],
	] as const)('%s: the state continues; calls that finished meanwhile fire once, at the first poll; nothing fires twice', async (_, activation) => {
		const back = await offAndBack(activation);
		expect(names(await back.poll())).toEqual(['D', 'G']);
		setStatus(server, 'E', 'completed');
		expect(names(await back.poll())).toEqual(['E']);
		expect(await back.poll()).toBeNull();
	});

	test('back after 3 days: the catch-up reaches back 6 h 10 min; calls created before that do not fire', async () => {
		const now = Date.now();
		server.state.naiveTimes = true;
		newCall(server, 'K', { status: 'completed' }, now - 2 * 24 * HOUR);
		newCall(server, 'L', { status: 'completed' }, now - 3 * HOUR);
		newCall(server, 'M', { status: 'in_progress' }, now - HOUR);
		// The static data the trigger left 3 days ago: watching Call Finished without filters, nothing pending.
		const left = { 'node:Diga Trigger': { key: JSON.stringify({ event: 'callFinished', qs: {} }), since: new Date(now - 3 * 24 * HOUR).toISOString(), calls: {} } };
		const back = harness({ event: 'callFinished' }, left, server, 'activate');

		expect(names(await back.poll())).toEqual(['L']);
		const start = Date.parse(listQueries()[0].start_created_date);
		expect(start).toBeGreaterThanOrEqual(now - HORIZON_MS);
		expect(start).toBeLessThanOrEqual(Date.now() - HORIZON_MS);
		setStatus(server, 'M', 'completed');
		expect(names(await back.poll())).toEqual(['M']);
	});

	const failures: Array<{ status: number; headers: Record<string, string>; failure?: object }> = [
		{ status: 401, headers: {}, failure: { cause: 'credential-invalid' } },
		{ status: 429, headers: { 'retry-after': '120' }, failure: { cause: 'rate-limited', retryAfterMs: 120_000 } },
		{ status: 503, headers: { 'retry-after': '3600' }, failure: { cause: 'temporarily-unavailable', retryAfterMs: 3_600_000 } },
		{ status: 500, headers: {}, failure: undefined },
	];

	test.each(failures)('a poll that fails with HTTP $status throws a NodeApiError with that status and its failure; the state stays as it was', async ({ status, headers, failure }) => {
		// A Retry-After beyond Max Retry Wait (60 s) ends the client's retries at once; a 500 is never retried.
		const fault = { method: 'GET', path: /^\/v1\/call\/$/, status, headers, body: { status: 'error', error_code: 'X', message: 'No' } };
		newCall(server, 'Z', { status: 'completed' }, Date.now() - MINUTE);
		const trigger = harness({ event: 'callFinished' });
		server.fault(fault);
		const error = await trigger.poll().catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: String(status) });
		expect((error as { failure?: object }).failure).toEqual(failure);
		// n8n hands the node an empty object to keep its state in; the trigger wrote nothing into it.
		expect(trigger.staticData['node:Diga Trigger'] ?? {}).toEqual({});

		// Diga answers again: this poll is the activation, so Z (ended before it) is history.
		expect(await trigger.poll()).toBeNull();
		newCall(server, 'Y', { status: 'in_progress' });
		expect(await trigger.poll()).toBeNull();
		const before = trigger.staticData;
		setStatus(server, 'Y', 'completed');
		server.fault(fault);
		await expect(trigger.poll()).rejects.toMatchObject({ httpCode: String(status) });
		expect(trigger.staticData).toEqual(before);
		expect(names(await trigger.poll())).toEqual(['Y']);
	});
});

describe('Diga Trigger: events', () => {
	test.each(EVENT_OPTIONS)('the subtitle of $value is its option name, $name', (option) => {
		const node = { id: 'n', name: 'Diga Trigger', type: 'n8n-nodes-diga.digaTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: { event: option.value } };
		const trigger = new DigaTrigger();
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) } });
		expect(workflow.expression.getSimpleParameterValue(node, trigger.description.subtitle!, 'internal', {})).toBe(option.name);
	});

	test('the Event options are the events, each once', () => {
		const event = new DigaTrigger().description.properties.find((property) => property.name === 'event')!;
		expect(event.options).toEqual(POLL_EVENTS.map((value) => CALL_EVENTS[value].option));
		expect(event.options!.map((option) => (option as { value: string }).value)).toEqual(['callFinished', 'newCall']);
	});
});
