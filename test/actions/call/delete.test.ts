import type { INodeParameters } from 'n8n-workflow';

import { CALL_IDS, makeCall } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const deleteCalls = { resource: 'call', operation: 'delete', callId: '={{ $json.id }}' } as INodeParameters;
const posts = () => server.requestsTo('POST', '/v1/call/bulk-delete');
const remaining = () => server.state.calls.map((call) => call.id);
const NOT_IN_ACCOUNT = 'e0000000-0099-4000-8000-000000000099';

/** `n` finished calls with predictable ids, added to the server. */
function addFinishedCalls(n: number): string[] {
	const ids = Array.from({ length: n }, (_, i) => `e5000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
	server.state.calls.push(...ids.map((id) => makeCall(id, '2026-06-01T09:00:00Z')));
	return ids;
}

describe('Call → Delete: the ids of all items in one request, one output item per input item', () => {
	test('every call deleted: one POST, each item says deleted, with what Diga counted, paired with its input', async () => {
		const result = await run(server, { items: [{ id: CALL_IDS.inboundDone }, { id: CALL_IDS.outboundDone }], parameters: deleteCalls });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/call/bulk-delete', { call_ids: [CALL_IDS.inboundDone, CALL_IDS.outboundDone] }],
		]);
		const request = { calls: 2, deleted: 2 };
		expect(result.items).toEqual([
			{ json: { call_id: CALL_IDS.inboundDone, deleted: true, request }, pairedItem: { item: 0 } },
			{ json: { call_id: CALL_IDS.outboundDone, deleted: true, request }, pairedItem: { item: 1 } },
		]);
		expect(remaining()).toEqual([CALL_IDS.inboundLive]);
	});

	test('an active call is left alone by Diga, and its item says so; a call not in the account is not there afterwards', async () => {
		const result = await run(server, {
			items: [{ id: CALL_IDS.inboundDone }, { id: CALL_IDS.inboundLive }, { id: NOT_IN_ACCOUNT }],
			parameters: deleteCalls,
		});

		expect(result.error).toBeUndefined();
		// Diga counted 1 of 3, so each call is looked up to say which.
		expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			['POST /v1/call/bulk-delete', `GET /v1/call/${CALL_IDS.inboundDone}`, `GET /v1/call/${CALL_IDS.inboundLive}`, `GET /v1/call/${NOT_IN_ACCOUNT}`].sort(),
		);
		const request = { calls: 3, deleted: 1 };
		const unsure = 'Not in this account after the request, but Diga does not say which calls it deleted: 1 of the 2 calls not found were deleted now, the others were already gone or never calls of this account.';
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ call_id: CALL_IDS.inboundDone, deleted: null, note: unsure, request }, { item: 0 }],
			[
				{
					call_id: CALL_IDS.inboundLive,
					deleted: false,
					call_status: 'in_progress',
					note: 'Diga deletes only calls that have ended and leaves this one alone. Delete it again once it has ended.',
					request,
				},
				{ item: 1 },
			],
			[{ call_id: NOT_IN_ACCOUNT, deleted: null, note: unsure, request }, { item: 2 }],
		]);
		expect(remaining()).toEqual([CALL_IDS.outboundDone, CALL_IDS.inboundLive]);
	});

	test('an ID that was never a call of the account: Diga deleted none, so the item says deleted: null with a note, never true', async () => {
		const result = await run(server, { items: [{ id: NOT_IN_ACCOUNT }], parameters: deleteCalls });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/call/bulk-delete', `GET /v1/call/${NOT_IN_ACCOUNT}`]);
		expect(result.items).toEqual([
			{
				json: {
					call_id: NOT_IN_ACCOUNT,
					deleted: null,
					note: 'No call with this ID in this account after the request, and Diga counted none deleted: it was already deleted (perhaps by a first attempt of this request whose answer was lost), or was never a call of this account.',
					request: { calls: 1, deleted: 0 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a finished call and an ID never in the account: Diga deleted 1 of 2 and both are gone, so neither is claimed: deleted: null with a note', async () => {
		const result = await run(server, { items: [{ id: CALL_IDS.inboundDone }, { id: NOT_IN_ACCOUNT }], parameters: deleteCalls });

		expect(result.items.map((item) => item.json.deleted)).toEqual([null, null]);
		expect(result.items.map((item) => item.json.note)).toEqual(Array(2).fill(expect.stringContaining('Diga does not say which calls it deleted')));
	});

	test('1 201 items: requests of 500, 500 and 201 ids, in order, one output per item', async () => {
		const ids = addFinishedCalls(1201);

		const result = await run(server, { items: ids.map((id) => ({ id })), parameters: deleteCalls });

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => (r.body as { call_ids: string[] }).call_ids)).toEqual([ids.slice(0, 500), ids.slice(500, 1000), ids.slice(1000)]);
		expect(server.requestsTo('GET')).toHaveLength(0);
		expect(result.items).toHaveLength(1201);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({ call_id: ids[i], deleted: true, request: { calls: i < 1000 ? 500 : 201, deleted: i < 1000 ? 500 : 201 } });
		});
	});

	test('the same call in two items is sent once; both items get its result', async () => {
		const result = await run(server, { items: [{ id: CALL_IDS.inboundDone }, { id: CALL_IDS.inboundDone.toUpperCase() }], parameters: deleteCalls });

		expect(posts().map((r) => r.body)).toEqual([{ call_ids: [CALL_IDS.inboundDone] }]);
		expect(result.items.map((item) => [item.json.call_id, item.json.deleted, item.pairedItem])).toEqual([
			[CALL_IDS.inboundDone, true, { item: 0 }],
			[CALL_IDS.inboundDone, true, { item: 1 }],
		]);
	});
});

describe('Call → Delete: errors', () => {
	test('every id is checked before the first request: one bad id, nothing deleted', async () => {
		const result = await run(server, { items: [{ id: CALL_IDS.inboundDone }, { id: 'yesterday' }], parameters: deleteCalls });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Call ID is not a valid ID: "yesterday"' });
		expect(server.requests).toHaveLength(0);
		expect(remaining()).toContain(CALL_IDS.inboundDone);
	});

	test('continue on fail: the bad id becomes an error item, the others are deleted', async () => {
		const result = await run(server, {
			items: [{ id: CALL_IDS.inboundDone }, { id: '' }, { id: CALL_IDS.outboundDone }],
			nodeSettings: { continueOnFail: true },
			parameters: deleteCalls,
		});

		expect(posts().map((r) => r.body)).toEqual([{ call_ids: [CALL_IDS.inboundDone, CALL_IDS.outboundDone] }]);
		expect(result.items.map((item) => [item.json.error ?? item.json.deleted, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			['Call ID is empty', { item: 1 }],
			[true, { item: 2 }],
		]);
	});

	test('a key that may not delete: Diga’s 403 for the whole request', async () => {
		server.fault({ method: 'POST', status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions to delete calls' } });
		const result = await run(server, { items: [{ id: CALL_IDS.inboundDone }], parameters: deleteCalls });

		expect(result.error).toMatchObject({ name: 'NodeApiError', message: expect.stringContaining('lacks permission') });
		expect(remaining()).toContain(CALL_IDS.inboundDone);
	});

	test('a failed second request: continue on fail gives its items the error, the first request’s items their results', async () => {
		const ids = addFinishedCalls(501);
		// The first request is answered by the server; the second fails.
		server.fault({ method: 'POST', kind: 'computed', status: 200, compute: () => ({ deleted: 500 }) });
		server.fault({ method: 'POST', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Error: Internal Server Error' }, times: 10 });

		const result = await run(server, {
			items: ids.map((id) => ({ id })),
			nodeSettings: { continueOnFail: true },
			parameters: { ...deleteCalls, options: { maxRetries: 0 } },
		});

		expect(posts().map((r) => (r.body as { call_ids: string[] }).call_ids.length)).toEqual([500, 1]);
		expect(result.items.slice(0, 500).every((item) => item.json.deleted === true)).toBe(true);
		expect(result.items[500]).toMatchObject({ json: { error: expect.stringContaining('Diga'), description: expect.any(String) }, pairedItem: { item: 500 } });
	});

	test('a failed second request without continue on fail: the error says the first request’s calls were already sent', async () => {
		const ids = addFinishedCalls(501);
		server.fault({ method: 'POST', kind: 'computed', status: 200, compute: () => ({ deleted: 500 }) });
		server.fault({ method: 'POST', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Error: Internal Server Error' }, times: 10 });

		const result = await run(server, { items: ids.map((id) => ({ id })), parameters: { ...deleteCalls, options: { maxRetries: 0 } } });

		expect(posts()).toHaveLength(2);
		expect((result.error as { description?: string }).description).toMatch(/The 500 calls of earlier requests were sent for deletion before this one failed\.$/);
	});
});
