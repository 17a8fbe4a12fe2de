import type { INodeParameters } from 'n8n-workflow';

import { CALL_IDS } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const get = (callId: string) => ({ resource: 'call', operation: 'get', callId }) as INodeParameters;

describe('Call → Get', () => {
	test('GET /v1/call/{id}: the call as Diga returns it', async () => {
		const result = await run(server, { parameters: get(CALL_IDS.inboundDone) });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/call/${CALL_IDS.inboundDone}`]);
		expect(result.items.map((i) => i.json)).toEqual([server.state.calls[0]]);
	});

	test('an id that is not a UUID is named before any request', async () => {
		const result = await run(server, { parameters: get('last-call') });
		expect(result.error?.message).toBe('Call ID is not a valid ID: "last-call"');
		expect(server.requests).toHaveLength(0);
	});

	test('404 CALL_NOT_FOUND names the call', async () => {
		const missing = 'e0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: get(missing) });
		expect(result.error?.message).toBe(`Diga could not find call ${missing} in this account`);
		expect((result.error as { description?: string }).description).toContain('CALL_NOT_FOUND');
	});
});
