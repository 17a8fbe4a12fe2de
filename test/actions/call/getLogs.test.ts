import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CALL_IDS } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const getLogs = (callId: string, rest: IDataObject = {}) => ({ resource: 'call', operation: 'getLogs', callId, returnAll: true, ...rest }) as INodeParameters;

describe('Call → Get Logs', () => {
	test('GET /v1/log/call/{id}?order=asc: every log entry, oldest first, one item each', async () => {
		const result = await run(server, { parameters: getLogs(CALL_IDS.inboundDone) });
		expect(server.requests.map((r) => [r.path, r.query])).toEqual([[`/v1/log/call/${CALL_IDS.inboundDone}`, { order: 'asc', limit: '100' }]]);
		expect(result.items.map((item) => [item.json.event, item.pairedItem])).toEqual([
			['call_started', { item: 0 }],
			['knowledge_searched', { item: 0 }],
			['transfer_failed', { item: 0 }],
			['call_ended', { item: 0 }],
		]);
		expect(result.items[2].json).toEqual({
			id: '72000000-0001-4000-8000-000000000003',
			timestamp: '2026-07-01T09:00:03Z',
			level: 'WARNING',
			category: 'CALL_TOOLS',
			event: 'transfer_failed',
			call_id: CALL_IDS.inboundDone,
			trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
			data: { failure_reason: 'target busy' },
		});
	});

	test('Category and Level filters: sent as Diga’s codes', async () => {
		const result = await run(server, { parameters: getLogs(CALL_IDS.inboundDone, { filters: { category: 'CALL_TOOLS', level: 'WARNING' } }) });
		expect(server.requests[0].query).toEqual({ order: 'asc', category: 'CALL_TOOLS', level: 'WARNING', limit: '100' });
		expect(result.items.map((item) => item.json.event)).toEqual(['transfer_failed']);
	});

	test('a call without logs: no items; an unknown call: named', async () => {
		expect((await run(server, { parameters: getLogs(CALL_IDS.outboundDone) })).items).toEqual([]);
		const missing = 'e0000000-0009-4000-8000-000000000009';
		expect((await run(server, { parameters: getLogs(missing) })).error?.message).toBe(`Diga could not find call ${missing} in this account`);
	});

	test('a Call ID that is not an ID: refused before any request', async () => {
		const result = await run(server, { parameters: getLogs('call-1') });
		expect(result.error?.message).toBe('Call ID is not a valid ID: "call-1"');
		expect(server.requests).toEqual([]);
	});
});
