import type { INodeParameters } from 'n8n-workflow';

import { CALL_IDS } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const getMessages = (rest: object = {}) =>
	({ resource: 'call', operation: 'getMessages', callId: CALL_IDS.inboundDone, ...rest }) as INodeParameters;

describe('Call → Get Messages', () => {
	test('one item per message, in the order spoken (order=asc)', async () => {
		const result = await run(server, { parameters: getMessages({ returnAll: true }) });
		expect(server.requests.map((r) => [r.path, r.query])).toEqual([
			[`/v1/call/${CALL_IDS.inboundDone}/message`, { order: 'asc', limit: '100' }],
		]);
		expect(result.items.map((i) => [i.json.role, i.json.content])).toEqual([
			['assistant', 'Hola, soy el asistente de recepción. ¿En qué puedo ayudarle?'],
			['user', 'Quería cambiar mi cita del jueves.'],
			['assistant', 'Claro, la paso al viernes a las diez.'],
			['user', 'Perfecto, gracias.'],
		]);
		expect(result.items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('One Item per Call: the call id and all messages, in order, in one item', async () => {
		const result = await run(server, { parameters: getMessages({ limit: 3, messageOptions: { combine: true } }) });
		expect(server.requests[0].query).toEqual({ order: 'asc', limit: '3' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ call_id: CALL_IDS.inboundDone, messages: server.state.messages[CALL_IDS.inboundDone].slice(0, 3) });
	});

	test('a call without a transcript (404 NO_MESSAGES_FOR_CALL) is an empty transcript, not an error', async () => {
		const perMessage = await run(server, { parameters: getMessages({ callId: CALL_IDS.inboundLive }) });
		expect(perMessage.error).toBeUndefined();
		expect(perMessage.items).toEqual([]);
		const combined = await run(server, { parameters: getMessages({ callId: CALL_IDS.inboundLive, messageOptions: { combine: true } }) });
		expect(combined.items.map((i) => i.json)).toEqual([{ call_id: CALL_IDS.inboundLive, messages: [] }]);
	});

	test('any other failure stays an error', async () => {
		server.fault({ path: /message/, status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions to view calls' } });
		const result = await run(server, { parameters: getMessages() });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
	});
});
