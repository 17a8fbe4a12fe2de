import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult } from '../../../dev/engine/runWorkflow';
import { pkg, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const SIP_PASSWORD = 'sip-Pa55word-7f3k';

const importPhone = (phoneNumber: string, rest: IDataObject = {}) =>
	({ resource: 'phone', operation: 'import', phoneNumber, ...rest }) as INodeParameters;
const posts = () => server.requestsTo('POST');

/**
 * What the node itself shows: output items and the error's message, description and response.
 * (The password is a node parameter, so n8n keeps it with the workflow, as every parameter.)
 */
const shown = (result: RunResult) => {
	const error = result.error as (Error & { description?: string; errorResponse?: unknown }) | undefined;
	return JSON.stringify({ items: result.items, error: error && [error.message, error.description, error.errorResponse, error.stack] });
};

describe('Phone → Import sends exactly what the user filled in', () => {
	test('only the number: POST /v1/phone/import with { phone_number }', async () => {
		const result = await run(server, { parameters: importPhone('+34675897654') });

		expect(result.error).toBeUndefined();
		expect(posts().map((r) => [r.path, r.body])).toEqual([['/v1/phone/import', { phone_number: '+34675897654' }]]);
	});

	test('a SIP user, a nickname, and both SIP sections in Diga’s names', async () => {
		const result = await run(server, {
			parameters: importPhone(' user@sip.example.com ', {
				additionalFields: { nickname: 'Own trunk' },
				inboundConfig: { allowedAddresses: '192.168.1.0/24, 10.0.0.1', mediaEncryption: 'require' },
				outboundConfig: {
					terminationUri: 'mysipuri.pstn.twilio.com',
					username: 'trunk-user',
					password: SIP_PASSWORD,
					mediaEncryption: 'disable',
				},
			}),
		});

		expect(result.error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			phone_number: 'user@sip.example.com',
			nickname: 'Own trunk',
			inbound_config: { media_encryption: 'require', allowed_addresses: ['192.168.1.0/24', '10.0.0.1'] },
			outbound_config: {
				termination_uri: 'mysipuri.pstn.twilio.com',
				username: 'trunk-user',
				password: SIP_PASSWORD,
				media_encryption: 'disable',
			},
		});
	});

	test('outputs the imported phone as Diga returns it, without the SIP password', async () => {
		const result = await run(server, {
			parameters: importPhone('+34675897654', {
				additionalFields: { nickname: 'Own trunk' },
				outboundConfig: { terminationUri: 'sip.example.com', username: 'u', password: SIP_PASSWORD },
			}),
		});

		const imported = server.state.phones[server.state.phones.length - 1];
		expect(result.items).toEqual([
			{
				json: {
					id: imported.id,
					nickname: 'Own trunk',
					number: '+34675897654',
					telephony_provider: 'custom',
					status: 'assigned',
					released_at: null,
					scheduled_release_at: null,
					assigned_at: imported.assigned_at,
					inbound_agent_id: null,
					outbound_agent_id: null,
					sip_config: {
						termination_uri: 'sip.example.com',
						username: 'u',
						inbound_media_encryption: 'allow',
						outbound_media_encryption: 'allow',
						allowed_addresses: null,
					},
					checkout_url: null,
					reservation_expires_at: null,
					region_codes: [],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(shown(result)).not.toContain(SIP_PASSWORD);
	});

	test('the SIP password is a password field', () => {
		const outbound = pkg.node.description.properties.find((p) => p.name === 'outboundConfig' && p.displayOptions?.show?.operation?.includes('import'));
		const password = (outbound?.options as Array<{ name: string; typeOptions?: object }>).find((o) => o.name === 'password');
		expect(password?.typeOptions).toEqual({ password: true });
	});
});

describe('Phone → Import errors', () => {
	test.each([
		['an empty number', importPhone('  '), 'Phone Number or SIP User is empty'],
		[
			'outbound settings without a Termination URI',
			importPhone('+34675897654', { outboundConfig: { username: 'u', password: SIP_PASSWORD } }),
			'Outbound SIP Configuration needs a Termination URI',
		],
		[
			'a Termination URI with sip:',
			importPhone('+34675897654', { outboundConfig: { terminationUri: 'sip:trunk.example.com' } }),
			'Termination URI must not start with sip: or sips:',
		],
		[
			'a media encryption from an expression that Diga does not know',
			importPhone('+34675897654', { inboundConfig: { mediaEncryption: '={{ "always" }}' } }),
			'Inbound SIP Configuration → Media Encryption must be one of disable, allow, require',
		],
	])('%s → a NodeOperationError, no request', async (_case, parameters, message) => {
		const result = await run(server, { parameters });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
		expect(shown(result)).not.toContain(SIP_PASSWORD);
	});

	test('422: names the field as the user sees it, with Diga’s reason', async () => {
		const result = await run(server, { parameters: importPhone('12345') });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Diga rejected these fields: Phone Number or SIP User (phone_number): Value error, not an E.164 number or a SIP user',
		});
	});

	test('422 echoing the request (as FastAPI does with `input`): the SIP password is in no output or error', async () => {
		server.fault({
			method: 'POST',
			status: 422,
			body: {
				detail: [
					{
						loc: ['body', 'outbound_config', 'password'],
						msg: 'String should have at most 64 characters',
						type: 'string_too_long',
						input: { termination_uri: 'sip.example.com', password: SIP_PASSWORD },
					},
				],
			},
		});
		const result = await run(server, {
			parameters: importPhone('+34675897654', { outboundConfig: { terminationUri: 'sip.example.com', password: SIP_PASSWORD } }),
		});

		expect(result.error?.message).toBe('Diga rejected these fields: SIP Password (password): String should have at most 64 characters');
		expect(shown(result)).not.toContain(SIP_PASSWORD);
	});

	test('continue on fail: the bad number becomes an error item, the good ones are imported', async () => {
		const result = await run(server, {
			items: [{ number: '+34675897654' }, { number: '12345' }, { number: 'trunk@sip.example.com' }],
			nodeSettings: { continueOnFail: true },
			parameters: importPhone('={{ $json.number }}', { outboundConfig: { terminationUri: 'sip.example.com', password: SIP_PASSWORD } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.number ?? item.json.error, item.pairedItem])).toEqual([
			['+34675897654', { item: 0 }],
			['Diga rejected these fields: Phone Number or SIP User (phone_number): Value error, not an E.164 number or a SIP user', { item: 1 }],
			['trunk@sip.example.com', { item: 2 }],
		]);
		expect(shown(result)).not.toContain(SIP_PASSWORD);
	});
});
