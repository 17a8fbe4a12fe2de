import { useDigaServer } from '../helpers';
import { instantTriggerSetup } from './instantTriggerSetup';

const server = useDigaServer();
const { harness, dial, settle, endWithLostDelivery, webhooks, firedIds, requestsSince } = instantTriggerSetup(server);

describe('Diga Instant Trigger: the webhook it registers (Diga\'s webhooks listed after each step)', () => {
	test('activate → one webhook for status_changed at the production URL; restart → the same one; deactivate → none', async () => {
		const h = await harness();
		await h.activate();
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		const [registered] = server.state.webhooks;
		expect(h.nodeStaticData.webhookId).toBe(registered.id);
		// Nothing checks the secret Diga shows once: it is not kept (it would travel with exports and executions).
		expect(JSON.stringify(h.savedStaticData)).not.toContain(registered.secret);

		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		const posts = server.requestsTo('POST', '/v1/webhook').length;
		await restarted.activate('init');
		expect(server.requestsTo('POST', '/v1/webhook')).toHaveLength(posts);
		expect(server.state.webhooks.map((w) => w.id)).toEqual([registered.id]);

		await restarted.deactivate();
		expect(webhooks()).toEqual([]);
		expect(restarted.nodeStaticData.webhookId).toBeUndefined();
	});

	test('deactivate when Diga has already deleted the webhook: fine, nothing left', async () => {
		const h = await harness();
		await h.activate();
		server.state.webhooks = [];
		await h.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('a state of an older version that kept the secret: the webhook is kept, the secret dropped', async () => {
		const h = await harness();
		await h.activate();
		const [registered] = server.state.webhooks;
		const older = { 'node:Diga Instant Trigger': { ...h.nodeStaticData, webhookSecret: registered.secret } };
		const restarted = await harness({ event: 'callFinished' }, older, h);
		await restarted.activate('init');
		expect(server.state.webhooks.map((w) => w.id)).toEqual([registered.id]);
		expect(JSON.stringify(restarted.savedStaticData)).not.toContain(registered.secret);
	});

	test('listen for a test event, then cancel: the test URL is registered meanwhile, nothing is left, the production state is untouched', async () => {
		const h = await harness();
		await h.listenForTestEvent();
		expect(webhooks()).toEqual([{ url: h.testUrl, events: ['status_changed'] }]);
		await h.stopListening();
		expect(webhooks()).toEqual([]);
		expect(h.savedStaticData).toEqual({});
	});

	test('any sequence of activate, test, restart, deactivate leaves at most its own webhook and finally none', async () => {
		const h = await harness();
		await h.activate();
		await h.listenForTestEvent();
		expect(webhooks().map((w) => w.url).sort()).toEqual([h.testUrl, h.url].sort());
		await h.stopListening();
		await h.activate('update');
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		await h.deactivate();
		await h.activate();
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		await h.deactivate();
		await h.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('the secret never reaches an item nor the static data (n8n 1.x copies static data into each execution)', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		dial();
		await settle(h);
		expect(h.executions).toHaveLength(1);
		expect(JSON.stringify(h.executions)).not.toContain(server.state.webhooks[0].secret);
		expect(JSON.stringify(h.savedStaticData)).not.toContain(server.state.webhooks[0].secret);
		expect(JSON.stringify(h.activeStaticData)).not.toContain(server.state.webhooks[0].secret);
	});
});

describe('Diga Instant Trigger: deliveries are hints, each (call, event) fires once', () => {
	test('a call ends → one execution with the call exactly as GET /v1/call/{id} answers; one request per delivery', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		server.setCallStatus(id, 'in_progress');
		await settle(h);
		expect(h.executions).toHaveLength(0);
		const before = server.requests.length;
		const ended = server.setCallStatus(id, 'completed');
		await settle(h);
		expect(h.executions.map((e) => e.items.map((i) => i.json))).toEqual([[ended]]);
		expect(requestsSince(before)).toEqual([`GET /v1/call/${id}`]);
	});

	test('Status Changed: one item per status; New Call: one item per call', async () => {
		const status = await harness({ event: 'statusChanged' });
		const created = await harness({ event: 'newCall' });
		await status.activate();
		await created.activate();
		const id = dial();
		await settle(status);
		server.setCallStatus(id, 'in_progress');
		await settle(status);
		server.setCallStatus(id, 'completed');
		await settle(status);
		await settle(created);
		expect(status.executions.map((e) => e.items[0].json.status)).toEqual(['dialing', 'in_progress', 'completed']);
		expect(firedIds(created)).toEqual([id]);
	});

	test('a repeated delivery, and one held back and delivered after later ones: nothing extra', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		const id = dial();
		await settle(h);
		server.deliveries.fault('hold');
		server.setCallStatus(id, 'in_progress');
		server.deliveries.fault('repeat');
		server.setCallStatus(id, 'completed');
		await settle(h);
		server.deliveries.releaseHeld();
		await settle(h);
		// The in_progress status was never seen (the held delivery came after the end): the statuses seen fire once each.
		expect(h.executions.map((e) => e.items.map((i) => i.json.status))).toEqual([['dialing'], ['completed']]);
	});

	test('ten calls ending in the same second, delivered at once, then every delivery repeated: ten items, each once', async () => {
		const h = await harness();
		await h.activate();
		const ids = Array.from({ length: 10 }, () => dial());
		await settle(h);
		for (const id of ids) server.setCallStatus(id, 'completed');
		await settle(h);
		server.deliveries.fault(...ids.map(() => 'repeat' as const));
		for (const id of ids) server.deliveries.statusChanged(server.state.webhooks, { id, status: 'completed' });
		await settle(h);
		expect([...firedIds(h)].sort()).toEqual([...ids].sort());
	});

	test('a forged delivery (no call id, a wrong signature): one catch-up listing, nothing fires; a flood: look-ups bounded', async () => {
		const h = await harness();
		await h.activate();
		// The activation's first poll caught up just now: a delivery without an id within 30 s only owes one.
		const before = server.requests.length;
		server.deliveries.forge(h.url, { hello: 'world' });
		await settle(h);
		expect(h.executions).toHaveLength(0);
		expect(requestsSince(before)).toEqual([]);
		expect(h.nodeStaticData.catchUpDue).toBe(true);

		const flood = server.requests.length;
		for (let i = 0; i < 200; i++) server.deliveries.forge(h.url, { call_id: `e6000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
		await settle(h);
		expect(h.executions).toHaveLength(0);
		// 120 look-ups a minute at most; beyond, deliveries become catch-ups, one per 30 s.
		expect(server.requests.length - flood).toBeLessThanOrEqual(121);
	});

	test('a delivery lost while n8n was down: the restart\'s first poll fires it, before any delivery; nothing twice after', async () => {
		const h = await harness();
		await h.activate();
		const lost = dial();
		const other = dial();
		await settle(h);
		// n8n is down: the delivery finds no one (lost).
		await endWithLostDelivery(h, lost);
		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		await restarted.activate('init');
		expect(firedIds(restarted)).toEqual([lost]);
		server.setCallStatus(other, 'completed');
		await settle(restarted);
		expect(firedIds(restarted)).toEqual([lost, other]);
		server.deliveries.forge(restarted.url, {});
		await settle(restarted);
		await restarted.tick();
		expect(firedIds(restarted)).toHaveLength(2);
	});

	test('a restart within 30 s of a catch-up: the catch-up it owes waits, the call a delivery names is looked up and fires at once', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		await settle(h);
		server.deliveries.forge(h.url, {});
		await settle(h);
		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		await restarted.activate('init');
		const before = server.requests.length;
		server.setCallStatus(id, 'completed');
		await settle(restarted);
		expect(firedIds(restarted)).toEqual([id]);
		expect(requestsSince(before)).toEqual([`GET /v1/call/${id}`]);
	});

	test('filters: a call on another direction fires nothing', async () => {
		const h = await harness({ event: 'callFinished', filters: { direction: 'outbound' } });
		await h.activate();
		const id = dial();
		server.setCallStatus(id, 'completed');
		await settle(h);
		expect(h.executions).toHaveLength(0);
	});

	test('listening for a test event: the call of the delivery, the production state untouched', async () => {
		const h = await harness({ event: 'newCall' });
		await h.listenForTestEvent();
		const id = dial();
		await settle(h);
		expect(firedIds(h)).toEqual([id]);
		await h.stopListening();
		expect(webhooks()).toEqual([]);
		expect(h.savedStaticData).toEqual({});
	});
});
