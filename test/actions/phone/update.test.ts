import { makePhone } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, TEST_API_KEY, updatePhone, useDigaServer } from '../../helpers';

const server = useDigaServer();

const patches = () => server.requestsTo('PATCH');

describe('Phone → Update sends exactly the fields the user set', () => {
	test('nickname alone', async () => {
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'Night line' }) });

		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(1);
		expect(patches()[0].path).toBe(`/v1/phone/${IDS.salesPhone}`);
		expect(patches()[0].body).toEqual({ nickname: 'Night line' });
		expect(patches()[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(patches()[0].headers['content-type']).toMatch(/application\/json/);
	});

	test('inbound agent version alone, picked from the list', async () => {
		await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone), { inboundVersionId: locator('list', IDS.nightV1) }),
		});
		expect(patches().map((r) => r.body)).toEqual([{ inbound_version_id: IDS.nightV1 }]);
	});

	test('outbound agent version alone, given by id', async () => {
		await run(server, {
			parameters: updatePhone(locator('id', IDS.outboundPhone), { outboundVersionId: locator('id', IDS.supportV1) }),
		});
		expect(patches().map((r) => r.body)).toEqual([{ outbound_version_id: IDS.supportV1 }]);
	});

	test('all three together', async () => {
		await run(server, {
			parameters: updatePhone(locator('list', IDS.receptionPhone), {
				nickname: 'Front desk',
				inboundVersionId: locator('list', IDS.salesV3),
				outboundVersionId: locator('id', IDS.salesV2),
			}),
		});
		expect(patches().map((r) => r.body)).toEqual([
			{ nickname: 'Front desk', inbound_version_id: IDS.salesV3, outbound_version_id: IDS.salesV2 },
		]);
	});

	test('an empty nickname is not sent (it would remove the name); Clear Fields → Nickname sends ""', async () => {
		const empty = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: '', inboundVersionId: locator('id', IDS.nightV1) }) });
		const cleared = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { clearFields: ['nickname'] }) });

		expect(empty.error).toBeUndefined();
		expect(cleared.error).toBeUndefined();
		expect(patches().map((r) => r.body)).toEqual([{ inbound_version_id: IDS.nightV1 }, { nickname: '' }]);
	});

	test('ids in upper case are sent in Diga’s lower-case form', async () => {
		await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone.toUpperCase()), { inboundVersionId: locator('id', IDS.nightV1.toUpperCase()) }),
		});
		expect(patches().map((r) => [r.path, r.body])).toEqual([[`/v1/phone/${IDS.salesPhone}`, { inbound_version_id: IDS.nightV1 }]]);
	});
});

describe('Phone → Update outputs the phone exactly as Diga returned it', () => {
	test('one item in, one phone out, paired with its input', async () => {
		const result = await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone), { inboundVersionId: locator('list', IDS.nightV1) }),
		});

		expect(result.items).toEqual([
			{
				json: {
					id: IDS.salesPhone,
					nickname: 'Sales line',
					number: '+34911234568',
					telephony_provider: 'netelip',
					status: 'assigned',
					released_at: null,
					scheduled_release_at: null,
					assigned_at: '2026-03-01T10:00:00Z',
					inbound_agent_id: IDS.nightAgent,
					outbound_agent_id: null,
					sip_config: null,
					checkout_url: null,
					reservation_expires_at: null,
					region_codes: ['MD'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Phone → Update finds the phone by id, from the list, or by number', () => {
	test('by number: one listing of the account, then the PATCH to the matching id', async () => {
		const result = await run(server, {
			parameters: updatePhone(locator('number', '+34 931 11 22 33'), { nickname: 'Barcelona' }),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`)).toEqual([
			'GET /v1/phone/ limit=100',
			`PATCH /v1/phone/${IDS.supportPhone} `,
		]);
		expect(result.items[0].json).toMatchObject({ id: IDS.supportPhone, nickname: 'Barcelona' });
	});

	test('by number across pages: the lookup follows cursors in pages of 100, once for all items', async () => {
		server.reset(230); // 235 phones: three pages
		const numbers = ['+34800000001', '+34800000230', '+34911234567', '+34800000117'];
		const result = await run(server, {
			items: numbers.map((number, i) => ({ number, name: `Line ${i}` })),
			parameters: updatePhone(locator('number', '={{ $json.number }}'), { nickname: '={{ $json.name }}' }),
		});

		expect(result.error).toBeUndefined();
		const listings = server.requestsTo('GET', '/v1/phone/');
		expect(listings.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', after: expect.any(String) },
			{ limit: '100', after: expect.any(String) },
		]);
		expect(result.items.map((item) => [item.json.number, item.json.nickname, item.pairedItem])).toEqual(
			numbers.map((number, i) => [number, `Line ${i}`, { item: i }]),
		);
	});

	test('hundreds of items with ids from expressions: one PATCH each, outputs in input order', async () => {
		server.reset(300);
		const phones = server.state.phones.slice(5, 305);
		const result = await run(server, {
			items: phones.map((phone, i) => ({ phoneId: phone.id, label: `Team ${i}` })),
			parameters: updatePhone(locator('id', '={{ $json.phoneId }}'), {
				nickname: '={{ $json.label }}',
				inboundVersionId: locator('list', IDS.salesV3),
			}),
		});

		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(300);
		expect(server.requestsTo('GET')).toHaveLength(0);
		expect(result.items).toHaveLength(300);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ id: phones[i].id, nickname: `Team ${i}`, inbound_agent_id: IDS.salesAgent });
		});
	});
});

describe('Phone → Update by number picks the record in use', () => {
	const OLD = 'c0000000-0099-4000-8000-000000000099';
	const OTHER = 'c0000000-0098-4000-8000-000000000098';

	test('an old finished record of the same number is left alone: the line in use is patched', async () => {
		// Oldest record, listed last (newest first): a plain number → id map would pick it.
		server.state.phones.unshift(makePhone(OLD, '+34911234567', 'Old owner', { status: 'finished' }));
		const result = await run(server, { parameters: updatePhone(locator('number', '+34911234567'), { nickname: 'Front desk' }) });

		expect(result.error).toBeUndefined();
		expect(patches().map((r) => r.path)).toEqual([`/v1/phone/${IDS.receptionPhone}`]);
		expect(result.items[0].json).toMatchObject({ id: IDS.receptionPhone, nickname: 'Front desk' });
	});

	test('two records in use with one number: an error listing both, nothing patched', async () => {
		server.state.phones.push(makePhone(OTHER, '+34911234567', 'Duplicate', { status: 'pending_verification' }));
		const result = await run(server, { parameters: updatePhone(locator('number', '+34911234567'), { nickname: 'x' }) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe('Diga holds 2 records in use for the number +34911234567');
		expect((result.error as { description?: string }).description).toBe(
			`Records: ${OTHER} (pending_verification), ${IDS.receptionPhone} (assigned). Pick the phone by ID or from the list.`,
		);
		expect(patches()).toHaveLength(0);
	});

	test('only a released record of the number: says the number is no longer in use', async () => {
		const result = await run(server, { parameters: updatePhone(locator('number', '+34955000111'), { nickname: 'x' }) });

		expect(result.error?.message).toBe('The number +34955000111 is no longer in use in this Diga account');
		expect((result.error as { description?: string }).description).toContain(`${IDS.releasedPhone} (released)`);
		expect(patches()).toHaveLength(0);
	});

	test('a failed listing is reported on each item that asked, with its index', async () => {
		server.fault({ method: 'GET', status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		const result = await run(server, {
			items: [{ n: '+34911234567' }, { n: '+34911234568' }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: updatePhone(locator('number', '={{ $json.n }}'), { nickname: 'x' }),
		});
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Diga had a server error (HTTP 500). Try again later.', { item: 0 }],
			['Diga had a server error (HTTP 500). Try again later.', { item: 1 }],
		]);

		server.reset();
		server.fault({ method: 'GET', status: 500 });
		const stopped = await run(server, {
			items: [{}, {}],
			parameters: updatePhone(locator('number', '+34911234567'), { nickname: 'x' }, { maxConcurrency: 1 }),
		});
		expect(stopped.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
	});
});

describe('Phone → Update with Include Previous Values', () => {
	const withPrevious = (phoneId: unknown, updateFields: object) => ({ ...updatePhone(phoneId, updateFields as never), includePreviousValues: true });

	test('off by default: only the PATCH, no `previous`', async () => {
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });
		expect(server.requests.map((r) => r.method)).toEqual(['PATCH']);
		expect(result.items[0].json).not.toHaveProperty('previous');
	});

	test('on: one GET of the phone just before its PATCH, and the phone as it was under `previous`', async () => {
		const result = await run(server, {
			parameters: withPrevious(locator('id', IDS.salesPhone), { nickname: 'Night line', inboundVersionId: locator('id', IDS.nightV1) }),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/phone/${IDS.salesPhone}`, `PATCH /v1/phone/${IDS.salesPhone}`]);
		expect(patches()[0].body).toEqual({ nickname: 'Night line', inbound_version_id: IDS.nightV1 });
		const { previous, ...phone } = result.items[0].json;
		expect(phone).toMatchObject({ id: IDS.salesPhone, nickname: 'Night line', inbound_agent_id: IDS.nightAgent });
		expect(previous).toEqual({ ...phone, nickname: 'Sales line', inbound_agent_id: IDS.salesAgent });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('many items: each item’s GET comes before its own PATCH', async () => {
		const ids = [IDS.salesPhone, IDS.supportPhone, IDS.receptionPhone];
		const result = await run(server, {
			items: ids.map((id) => ({ id })),
			parameters: withPrevious(locator('id', '={{ $json.id }}'), { inboundVersionId: locator('id', IDS.nightV1) }),
		});

		for (const id of ids) {
			const order = server.requests.filter((r) => r.path === `/v1/phone/${id}`).map((r) => r.method);
			expect(order).toEqual(['GET', 'PATCH']);
		}
		expect(result.items.map((item) => [item.json.id, (item.json.previous as { id: string }).id, item.pairedItem])).toEqual(
			ids.map((id, item) => [id, id, { item }]),
		);
	});

	test('a missing phone fails at the GET: nothing is changed', async () => {
		const missing = 'c0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: withPrevious(locator('id', missing), { nickname: 'x' }) });
		expect(result.error?.message).toBe(`Diga could not find phone ${missing} in this account`);
		expect(patches()).toHaveLength(0);
	});
});
