import { DigaApi } from '../../credentials/DigaApi.credentials';
import { PollHarness } from '../../dev/engine/runPoll';
import { IDS, makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { DigaTrigger } from '../../nodes/Diga/DigaTrigger.node';
import { TEST_API_KEY, locator, useDigaServer } from '../helpers';
import { instantTriggerSetup } from './instantTriggerSetup';

/**
 * Issue 31: the Instant Trigger one step off the happy path — lost deliveries with no later one,
 * a restart, bursts, copies, credential switches, failing deactivations, a number re-imported.
 * n8n's clock is moved by `advance` (Date.now, which the node, the harness and the test server read).
 */
const server = useDigaServer();
const { harness, dial, settle, endWithLostDelivery, webhooks, firedIds, requestsSince } = instantTriggerSetup(server);

const MINUTE = 60_000;
const realNow = Date.now.bind(Date);
let offset = 0;
beforeEach(() => {
	offset = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
});
afterEach(() => jest.restoreAllMocks());
const advance = (ms: number) => void (offset += ms);

describe('nothing waits for a delivery that may never come (the safety poll, every minute)', () => {
	test('a delivery lost while n8n runs, and no later one: fires within 5 minutes, by one listing', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		await settle(h);
		await endWithLostDelivery(h, id);
		let minutes = 0;
		const before = server.requests.length;
		while (firedIds(h).length === 0 && minutes < 10) {
			advance(MINUTE);
			minutes++;
			await h.tick();
		}
		expect(firedIds(h)).toEqual([id]);
		expect(minutes).toBeLessThanOrEqual(5);
		expect(requestsSince(before)).toEqual(['GET /v1/call/']);
	});

	test('idle: one request per 4-minute safety interval (15 an hour), nothing fires', async () => {
		const h = await harness();
		await h.activate();
		const before = server.requests.length;
		for (let minute = 0; minute < 60; minute++) {
			advance(MINUTE);
			await h.tick();
		}
		expect(requestsSince(before)).toEqual(Array(15).fill('GET /v1/call/'));
		expect(h.executions).toHaveLength(0);
	});

	test('a restart with no delivery after it: its first poll fires what ended while n8n was down, once', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		const id = dial();
		await settle(h);
		await endWithLostDelivery(h, id);
		advance(MINUTE);
		const restarted = await harness({ event: 'statusChanged' }, h.savedStaticData, h);
		await restarted.activate('init');
		expect(restarted.executions.map((e) => e.items.map((i) => i.json.status))).toEqual([['completed']]);
		for (let minute = 0; minute < 10; minute++) {
			advance(MINUTE);
			await restarted.tick();
		}
		expect(restarted.executions).toHaveLength(1);
	});

	test('a burst of 200 changes in 10 s, beyond 120 look-ups a minute: each call fires once, the last within a minute', async () => {
		const h = await harness();
		await h.activate();
		const ids = Array.from({ length: 200 }, () => dial());
		server.deliveries.fault(...ids.map(() => 'lose' as const));
		await settle(h);
		const before = server.requests.length;
		for (const id of ids) server.setCallStatus(id, 'completed');
		await settle(h);
		advance(MINUTE);
		await h.tick();
		expect([...firedIds(h)].sort()).toEqual([...ids].sort());
		// 120 look-ups, then catch-ups (listings of 100 a page): far below one request per change.
		expect(server.requests.length - before).toBeLessThanOrEqual(130);
		for (let minute = 0; minute < 10; minute++) {
			advance(MINUTE);
			await h.tick();
		}
		expect(firedIds(h)).toHaveLength(200);
	});

	test('50 deliveries without a usable id at once, Diga answering in 300 ms: one catch-up listing', async () => {
		const h = await harness();
		await h.activate();
		advance(MINUTE);
		server.latencyMs = 300;
		const before = server.requests.length;
		for (let i = 0; i < 50; i++) server.deliveries.forge(h.url, { event: 'status_changed' });
		await settle(h);
		expect(requestsSince(before)).toEqual(['GET /v1/call/']);
	});

	test('a failed look-up owes a catch-up: the next tick runs it (30 s later) and fires the call', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		await settle(h);
		advance(MINUTE);
		server.fault({ method: 'GET', path: /^\/v1\/call\/e5/, status: 500, body: { detail: 'boom' } });
		server.setCallStatus(id, 'completed');
		await settle(h);
		expect(h.executions).toHaveLength(0);
		advance(MINUTE);
		await h.tick();
		expect(firedIds(h)).toEqual([id]);
	});
});

describe('state: bounded, keyed by the account', () => {
	test('a quiet account (a call every 5 minutes for 12 hours, deliveries arriving): the static data stays under 20 kB', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		let largest = 0;
		let remembered = 0;
		for (let call = 0; call < 144; call++) {
			const id = dial();
			await settle(h);
			server.setCallStatus(id, 'completed');
			await settle(h);
			for (let minute = 0; minute < 5; minute++) {
				advance(MINUTE);
				await h.tick();
			}
			largest = Math.max(largest, JSON.stringify(h.savedStaticData).length, JSON.stringify(h.activeStaticData).length);
			remembered = Math.max(remembered, Object.keys((h.savedStaticData['node:Diga Instant Trigger'] as { calls?: object }).calls ?? {}).length);
		}
		expect(firedIds(h)).toHaveLength(288);
		// The calls of the window (10 minutes' overlap and the safety interval), not every call ever fired.
		expect(remembered).toBeLessThanOrEqual(6);
		expect(largest).toBeLessThan(20_000);
	}, 120_000);

	test('under load (1,000 calls an hour for an hour): under 40 kB', async () => {
		const h = await harness();
		await h.activate();
		let largest = 0;
		for (let minute = 0; minute < 60; minute++) {
			for (let i = 0; i < 17; i++) server.setCallStatus(dial(), 'completed');
			await settle(h);
			advance(MINUTE);
			await h.tick();
			largest = Math.max(largest, JSON.stringify(h.savedStaticData).length, JSON.stringify(h.activeStaticData).length);
		}
		expect(firedIds(h)).toHaveLength(60 * 17);
		expect(largest).toBeLessThan(40_000);
	}, 120_000);

	test('Instant Trigger: switched to another credential, the calls the state owed never fire; new ones do', async () => {
		const h = await harness();
		await h.activate();
		const owed = dial();
		await settle(h);
		await endWithLostDelivery(h, owed);
		const switched = await harness({ event: 'callFinished' }, h.savedStaticData, h, { credentialId: '2' });
		await switched.activate('update');
		advance(MINUTE);
		server.deliveries.forge(switched.url, {});
		await settle(switched);
		for (let minute = 0; minute < 5; minute++) {
			advance(MINUTE);
			await switched.tick();
		}
		expect(switched.executions).toHaveLength(0);
		const fresh = dial();
		server.setCallStatus(fresh, 'completed');
		await settle(switched);
		expect(firedIds(switched)).toEqual([fresh]);
	});

	test('Diga Trigger (polling): switched to another credential, past calls never fire', async () => {
		const poller = (credentialId: string, staticData?: object) =>
			new PollHarness({ trigger: new DigaTrigger(), credential: new DigaApi(), parameters: { event: 'callFinished' }, credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl }, staticData: staticData as never, credentialId });
		const first = poller('1');
		await first.poll();
		const id = dial();
		advance(MINUTE);
		server.setCallStatus(id, 'completed');
		const switched = poller('2', first.staticData);
		expect(await switched.poll()).toBeNull();
		advance(MINUTE);
		expect(await switched.poll()).toBeNull();
	});

	test('a Phone filter by number follows the number: re-imported under a new id, its calls fire', async () => {
		const number = server.state.phones.find((p) => p.id === IDS.receptionPhone)!.number;
		const h = await harness({ event: 'callFinished', filters: { phoneId: locator('number', number) } });
		await h.activate();
		const first = dial({ phone_register_id: IDS.receptionPhone });
		server.setCallStatus(first, 'completed');
		await settle(h);
		expect(firedIds(h)).toEqual([first]);
		// Released and imported again: the same number, a new record.
		const newId = 'c0000000-0001-4000-8000-00000000abcd';
		server.state.phones = server.state.phones.map((p) => (p.id === IDS.receptionPhone ? { ...p, id: newId } : p));
		advance(6 * MINUTE);
		const second = dial({ phone_register_id: newId });
		server.setCallStatus(second, 'completed');
		await settle(h);
		expect(firedIds(h)).toEqual([first, second]);
		// Calls on another phone cost at most one phone listing per 5 minutes.
		const before = server.requestsTo('GET', '/v1/phone').length;
		for (let i = 0; i < 5; i++) server.setCallStatus(dial({ phone_register_id: IDS.salesPhone }), 'completed');
		await settle(h);
		expect(server.requestsTo('GET', '/v1/phone').length - before).toBeLessThanOrEqual(1);
		expect(firedIds(h)).toHaveLength(2);
	});

	test('a Phone filter by number released while active (no record in use): idle polls list the phones at most once per 5 minutes, not every minute, and say why', async () => {
		const number = server.state.phones.find((p) => p.id === IDS.receptionPhone)!.number;
		const h = await harness({ event: 'callFinished', filters: { phoneId: locator('number', number) } });
		await h.activate();
		server.state.phones = server.state.phones.filter((p) => p.id !== IDS.receptionPhone);
		advance(61 * MINUTE);
		const before = server.requestsTo('GET', '/v1/phone').length;
		for (let minute = 0; minute < 20; minute++) {
			advance(MINUTE);
			await h.tick();
		}
		expect(server.requestsTo('GET', '/v1/phone').length - before).toBeLessThanOrEqual(5);
		expect(h.pollErrors.length).toBeGreaterThan(0);
		expect(h.pollErrors[0].message).toContain(number);
		expect(h.executions).toHaveLength(0);
	});

	test('a Phone filter by number, the workflow deactivated and activated again: looked up afresh', async () => {
		const number = server.state.phones.find((p) => p.id === IDS.receptionPhone)!.number;
		const h = await harness({ event: 'newCall', filters: { phoneId: locator('number', number) } });
		await h.activate();
		const newId = 'c0000000-0001-4000-8000-00000000abce';
		server.state.phones = server.state.phones.map((p) => (p.id === IDS.receptionPhone ? { ...p, id: newId } : p));
		await h.deactivate();
		await h.activate();
		server.addCall(makeCall('e5000000-0000-4000-8000-0000000fffff', pythonTime(Date.now(), false), { status: 'dialing', phone_register_id: newId }));
		await settle(h);
		expect(firedIds(h)).toEqual(['e5000000-0000-4000-8000-0000000fffff']);
	});
});

describe('the webhooks a workflow deletes are its own, at its own URL', () => {
	test('a copy of the workflow (the original\'s static data) activated at another URL: the original keeps its webhook and its events', async () => {
		const original = await harness();
		await original.activate();
		const copy = await harness({ event: 'callFinished' }, original.savedStaticData, undefined, { workflowId: 'copy-of-it', webhookId: '9e1c6f2a-0000-4000-8000-00000000c0py'.replace('c0py', 'c0d1') });
		await copy.activate();
		expect(webhooks().map((w) => w.url).sort()).toEqual([original.url, copy.url].sort());
		await copy.deactivate();
		expect(webhooks().map((w) => w.url)).toEqual([original.url]);
		const id = dial();
		server.setCallStatus(id, 'completed');
		await settle(original);
		expect(firedIds(original)).toEqual([id]);
	});

	test('deactivating while Diga answers 500 for one webhook: its own is deleted anyway, the other kept, logged and thrown; the next deactivation deletes it', async () => {
		const h = await harness();
		await h.activate();
		const [own] = server.state.webhooks;
		const leftover = { ...own, id: 'b0000000-0000-4000-8000-00000000dead' };
		server.state.webhooks.unshift(leftover);
		server.fault({ method: 'DELETE', path: new RegExp(leftover.id), status: 500, body: { detail: 'down' } });
		await expect(h.deactivate()).rejects.toMatchObject({ httpCode: '500' });
		expect(server.state.webhooks.map((w) => w.id)).toEqual([leftover.id]);
		expect(h.nodeStaticData.webhookId).toBeUndefined();
		await h.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('deactivating when Diga cannot list its webhooks: the stored one is still deleted', async () => {
		const h = await harness();
		await h.activate();
		server.fault({ method: 'GET', path: /^\/v1\/webhook/, status: 500, body: { detail: 'down' } });
		await expect(h.deactivate()).rejects.toMatchObject({ httpCode: '500' });
		expect(webhooks()).toEqual([]);
		expect(h.nodeStaticData.webhookId).toBeUndefined();
	});
});
