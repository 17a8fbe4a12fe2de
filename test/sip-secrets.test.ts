import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../dev/diga-server/digaServer';
import { makePhone } from '../dev/diga-server/fixtures';
import { route } from '../dev/diga-server/routes';
import { producedText, run, useDigaServer } from './helpers';

/**
 * A SIP password a request carries never comes back: not in the output, the error's message,
 * description or response, whatever Diga echoes; and no output has a `password` key.
 */
const server = useDigaServer();

const TRUNK = 'e0000000-0001-4000-8000-000000000001';
const PASSWORD = 'Tr0nk-s3cret-Xq7';
const outboundConfig = { terminationUri: 'trunk.example.com', username: 'u', password: PASSWORD };
const operations: Array<[string, INodeParameters, RegExp]> = [
	['Update SIP Config', { resource: 'phone', operation: 'updateSipConfig', phoneId: { __rl: true, mode: 'id', value: TRUNK }, outboundConfig, options: { maxRetries: 0 } }, /sip-config$/],
	['Import', { resource: 'phone', operation: 'import', phoneNumber: '+34675000111', outboundConfig, options: { maxRetries: 0 } }, /import$/],
];

beforeEach(() => {
	server.state.phones.push(makePhone(TRUNK, '+34675897654', 'Own trunk', { telephony_provider: 'custom', region_codes: [] }));
});

/** Diga's real answer to the request, with the password it was sent echoed into `sip_config`. */
const echo = (request: { method: string; path: string; query: Record<string, string>; body: unknown }): unknown => {
	const answer = route(server.state, request.method, request.path, request.query, request.body).body as IDataObject;
	const sent = (request.body as { outbound_config: IDataObject }).outbound_config;
	return { ...answer, sip_config: { ...(answer.sip_config as IDataObject), password: sent.password }, sip_password: sent.password };
};

/** What the node produced (not its parameters, which n8n keeps with the workflow). */
const shown = producedText;

describe.each(operations)('%s', (_name, parameters, path) => {
	test('Diga echoes the password in a 200: the output has no password key and no password', async () => {
		server.fault({ kind: 'computed', method: parameters.operation === 'import' ? 'POST' : 'PATCH', path, status: 200, compute: echo });
		const result = await run(server, { parameters });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.sip_config).toEqual(expect.objectContaining({ username: 'u' }));
		expect(JSON.stringify(result.items)).not.toMatch(/"password"/i);
		expect(shown(result)).not.toContain(PASSWORD);
		expect(result.items[0].json.sip_password).toBe('[redacted]');
	});

	test.each<[string, Fault]>([
		['a 400 quoting it', { status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `SIP registration failed for u:${PASSWORD}@trunk.example.com` } }],
		['a 422 quoting it as the input', { status: 422, body: { detail: [{ loc: ['body', 'outbound_config', 'password'], msg: `Value error, ${PASSWORD} is too weak`, type: 'value_error', input: PASSWORD }] } }],
		['a 200 whose body is not a phone', { kind: 'raw', status: 200, rawBody: `<html>trunk check: password=${PASSWORD}</html>` }],
		['a 500 page echoing the request', { kind: 'raw', status: 500, rawBody: `{"outbound_config":{"password":"${PASSWORD}"}}`, contentType: 'application/json' }],
	])('%s: the error does not carry it (message, description, response)', async (_case, fault) => {
		server.fault({ ...fault, method: parameters.operation === 'import' ? 'POST' : 'PATCH', path });
		const result = await run(server, { parameters });

		expect(result.error).toBeDefined();
		expect(shown(result)).not.toContain(PASSWORD);
	});

	test('with continue on fail, the error item does not carry it either', async () => {
		server.fault({ status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `bad password ${PASSWORD}` }, method: parameters.operation === 'import' ? 'POST' : 'PATCH', path });
		const result = await run(server, { parameters, nodeSettings: { onError: 'continueRegularOutput' } });

		expect(result.items[0].json.error).toBeDefined();
		expect(shown(result)).not.toContain(PASSWORD);
	});
});

describe('a password Diga echoes escaped (issue 23, point 7)', () => {
	/** A password with the signs JSON and HTML escape. */
	const SIGNED = `Tr0nk"s3<c>&r'e\\t`;
	const withSigned = (parameters: INodeParameters): INodeParameters => ({ ...parameters, outboundConfig: { ...outboundConfig, password: SIGNED } });
	const html = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

	describe.each(operations)('%s', (_name, parameters, path) => {
		const method = parameters.operation === 'import' ? 'POST' : 'PATCH';
		test.each<[string, Fault]>([
			['JSON-escaped in a message (the request body quoted as JSON text)', { status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `rejected ${JSON.stringify({ outbound_config: { password: SIGNED } })}` } }],
			['HTML-escaped in an error page', { kind: 'raw', status: 502, rawBody: `<html><pre>password=${html(SIGNED)}</pre></html>` }],
			['as decimal entities in a 200 page', { kind: 'raw', status: 200, rawBody: `<p>${[...SIGNED].map((c) => `&#${c.charCodeAt(0)};`).join('')}</p>` }],
			['URL-encoded in a message', { status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: `see /trunk?password=${encodeURIComponent(SIGNED)}` } }],
		])('%s: the error does not carry it', async (_case, fault) => {
			server.fault({ ...fault, method, path });
			const result = await run(server, { parameters: withSigned(parameters) });

			expect(result.error).toBeDefined();
			const text = shown(result);
			for (const spelling of [SIGNED, JSON.stringify(SIGNED).slice(1, -1), html(SIGNED), encodeURIComponent(SIGNED), 'Tr0nk']) expect(text).not.toContain(spelling);
			expect(text).toContain('[redacted]');
		});
	});
});
