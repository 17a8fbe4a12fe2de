import { CALL_IDS } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const getTrace = (callId: string) => ({ resource: 'call', operation: 'getTrace', callId });

describe('Call → Get Trace', () => {
	test('GET /v1/trace/call/{id}: Diga’s trace, spans nested as it sends them', async () => {
		const result = await run(server, { parameters: getTrace(CALL_IDS.inboundDone) });
		expect(server.requests.map((r) => r.path)).toEqual([`/v1/trace/call/${CALL_IDS.inboundDone}`]);
		expect(result.items).toEqual([{ json: server.state.traces[CALL_IDS.inboundDone], pairedItem: { item: 0 } }]);
		expect(result.items[0].json).toMatchObject({ span_count: 2, spans: [{ operation_name: 'call', children: [{ operation_name: 'transfer_call', status: 'ERROR' }] }] });
	});

	test('a call without a trace: said so', async () => {
		const result = await run(server, { parameters: getTrace(CALL_IDS.outboundDone) });
		expect(result.error?.message).toBe(`Diga has no trace for call ${CALL_IDS.outboundDone}`);
	});

	test('Tempo unavailable (503) once: read again, the trace', async () => {
		server.fault({ status: 503, body: { status: 'error', error_code: 'TEMPO_UNAVAILABLE', message: 'Tempo service unavailable' }, headers: { 'retry-after': '0' } });
		const result = await run(server, { parameters: getTrace(CALL_IDS.inboundDone) });
		expect(server.requests).toHaveLength(2);
		expect(result.items[0].json.id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
	});
});
