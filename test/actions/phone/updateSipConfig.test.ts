import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { makePhone } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const TRUNK_PHONE = 'e0000000-0001-4000-8000-000000000001';
const SIP_PASSWORD = 'new-sip-secret-91x';

/** An imported number on the server, next to the purchased seed numbers. */
function addImportedPhone() {
	server.state.phones.push(
		makePhone(TRUNK_PHONE, '+34675897654', 'Own trunk', {
			telephony_provider: 'custom',
			region_codes: [],
			sip_config: {
				termination_uri: 'old.example.com',
				username: 'old-user',
				inbound_media_encryption: 'allow',
				outbound_media_encryption: 'allow',
				allowed_addresses: null,
			},
		}),
	);
}

const updateSip = (phoneId: unknown, sections: IDataObject) =>
	({ resource: 'phone', operation: 'updateSipConfig', phoneId, ...sections }) as INodeParameters;
const patches = () => server.requestsTo('PATCH');

beforeEach(addImportedPhone);

describe('Phone → Update SIP Config sends only the settings the user added', () => {
	test.each([
		['the termination URI alone', { outboundConfig: { terminationUri: 'trunk.example.com' } }, { outbound_config: { termination_uri: 'trunk.example.com' } }],
		[
			'new credentials',
			{ outboundConfig: { username: 'new-user', password: SIP_PASSWORD } },
			{ outbound_config: { username: 'new-user', password: SIP_PASSWORD } },
		],
		['inbound encryption alone', { inboundConfig: { mediaEncryption: 'require' } }, { inbound_config: { media_encryption: 'require' } }],
		['Accept Any Address: an empty list (all traffic)', { inboundConfig: { acceptAnyAddress: true } }, { inbound_config: { allowed_addresses: [] } }],
		['allowed addresses left empty: not sent (it would open the trunk to all traffic)', { inboundConfig: { allowedAddresses: ' , ', mediaEncryption: 'allow' } }, { inbound_config: { media_encryption: 'allow' } }],
		[
			'both sections, an empty one left out',
			{ inboundConfig: { allowedAddresses: '10.0.0.1' }, outboundConfig: { mediaEncryption: 'disable' } },
			{ inbound_config: { allowed_addresses: ['10.0.0.1'] }, outbound_config: { media_encryption: 'disable' } },
		],
	])('%s', async (_case, sections, body) => {
		const result = await run(server, { parameters: updateSip(locator('id', TRUNK_PHONE), { inboundConfig: {}, outboundConfig: {}, ...sections }) });

		expect(result.error).toBeUndefined();
		expect(patches().map((r) => [r.path, r.body])).toEqual([[`/v1/phone/${TRUNK_PHONE}/sip-config`, body]]);
	});

	test('outputs the phone as Diga returns it, without the password', async () => {
		const result = await run(server, {
			parameters: updateSip(locator('number', '+34675897654'), { outboundConfig: { terminationUri: 'trunk.example.com', password: SIP_PASSWORD } }),
		});

		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/phone/', `PATCH /v1/phone/${TRUNK_PHONE}/sip-config`]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					id: TRUNK_PHONE,
					telephony_provider: 'custom',
					sip_config: {
						termination_uri: 'trunk.example.com',
						username: 'old-user',
						inbound_media_encryption: 'allow',
						outbound_media_encryption: 'allow',
						allowed_addresses: null,
					},
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(result.items)).not.toContain(SIP_PASSWORD);
	});
});

describe('Phone → Update SIP Config errors', () => {
	test('no setting added → a clear error, no request', async () => {
		const result = await run(server, { parameters: updateSip(locator('id', TRUNK_PHONE), { inboundConfig: {}, outboundConfig: {} }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'No SIP setting to update' });
		expect(server.requests).toHaveLength(0);
	});

	test('404: names the phone', async () => {
		const missing = 'e0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: updateSip(locator('id', missing), { outboundConfig: { username: 'u' } }) });
		expect(result.error?.message).toBe(`Diga could not find phone ${missing} in this account`);
	});

	test('a purchased number: Diga’s refusal is shown', async () => {
		const result = await run(server, { parameters: updateSip(locator('id', IDS.salesPhone), { outboundConfig: { username: 'u' } }) });
		expect(result.error?.message).toBe('Diga rejected the request: Only custom/imported phones can have their SIP config updated');
	});

	test('continue on fail: the purchased number becomes an error item, the imported one is updated', async () => {
		const result = await run(server, {
			items: [{ id: IDS.salesPhone }, { id: TRUNK_PHONE }],
			nodeSettings: { continueOnFail: true },
			parameters: updateSip(locator('id', '={{ $json.id }}'), { outboundConfig: { username: 'shared' } }),
		});

		expect(result.items.map((item) => [item.json.error ?? item.json.id, item.pairedItem])).toEqual([
			['Diga rejected the request: Only custom/imported phones can have their SIP config updated', { item: 0 }],
			[TRUNK_PHONE, { item: 1 }],
		]);
	});
});

describe('Phone → Update SIP Config: an empty setting is not sent (issue 30: it would wipe the trunk’s credentials or open it to all traffic)', () => {
	test.each([
		['User name and password empty', { outboundConfig: { username: '', password: '', mediaEncryption: 'require' } }, { outbound_config: { media_encryption: 'require' } }],
		['Termination URI blank', { outboundConfig: { terminationUri: ' ', mediaEncryption: 'require' } }, { outbound_config: { media_encryption: 'require' } }],
		['Allowed Addresses from an expression giving []', { inboundConfig: { allowedAddresses: '={{ [] }}', mediaEncryption: 'allow' } }, { inbound_config: { media_encryption: 'allow' } }],
	])('%s: left out', async (_name, sections, body) => {
		const result = await run(server, { parameters: updateSip(locator('id', TRUNK_PHONE), sections) });

		expect(result.error).toBeUndefined();
		expect(patches().map((r) => r.body)).toEqual([body]);
	});

	test('Accept Any Address with addresses too: refused before any request', async () => {
		const result = await run(server, { parameters: updateSip(locator('id', TRUNK_PHONE), { inboundConfig: { allowedAddresses: '10.0.0.1', acceptAnyAddress: true } }) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Allowed Addresses and Accept Any Address are both set' });
		expect(server.requests).toHaveLength(0);
	});
});
