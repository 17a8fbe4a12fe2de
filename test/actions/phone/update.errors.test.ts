import { IDS, locator, READ_ONLY_API_KEY, run, TEST_API_KEY, updatePhone, useDigaServer, visibleText } from '../../helpers';

const server = useDigaServer();

const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string; httpCode?: string }) | undefined;

describe('what the user typed is checked before any request', () => {
	test.each([
		['not a uuid', 'abc'],
		['path-like', '../../v1/api_key/'],
		['a uuid with a path after it', `${IDS.salesPhone}/sip-config`],
		['empty', ''],
	])('phone id %s (from an expression) → NodeOperationError naming Phone and the item', async (_case, value) => {
		const result = await run(server, {
			items: [{ id: value }],
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }),
		});

		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(errorOf(result)?.message).toMatch(/^Phone is (empty|not a valid ID)/);
		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(server.requests).toHaveLength(0);
	});

	test('a typed id that is not a UUID stops the workflow before it runs, as in n8n', async () => {
		const result = await run(server, { parameters: updatePhone(locator('id', 'abc'), { nickname: 'x' }) });
		expect(result.error?.message).toContain("The 'Diga' node has issues");
		expect(server.requests).toHaveLength(0);
	});

	test('an invalid version id names the field', async () => {
		const result = await run(server, {
			items: [{ version: 'v3' }],
			parameters: updatePhone(locator('id', IDS.salesPhone), { outboundVersionId: locator('id', '={{ $json.version }}') }),
		});
		expect(errorOf(result)?.message).toBe('Outbound Agent Version is not a valid ID: "v3"');
		expect(server.requests).toHaveLength(0);
	});

	test('no field to update → a clear error, no request', async () => {
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), {}) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(errorOf(result)?.message).toBe('No field to update');
		expect(server.requests).toHaveLength(0);
	});

	test('a number that is not E.164 → error naming the value, no request', async () => {
		const result = await run(server, {
			items: [{ number: '911 234 567' }],
			parameters: updatePhone(locator('number', '={{ $json.number }}'), { nickname: 'x' }),
		});
		expect(errorOf(result)?.message).toBe('Phone is not a phone number in international format: "911 234 567"');
		expect(server.requests).toHaveLength(0);
	});

	test('a number that matches no phone names the number', async () => {
		const result = await run(server, { parameters: updatePhone(locator('number', '+34999999999'), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe('No phone with the number +34999999999 in this Diga account');
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});
});

describe('Diga’s errors become NodeApiErrors a non-programmer understands', () => {
	test('401: check the API key; Diga’s words kept in the description', async () => {
		const result = await run(server, { apiKey: 'wrong-key', parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });

		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(errorOf(result)?.message).toBe('Diga did not accept the API key. Check the API key in the Diga API credential.');
		expect(errorOf(result)?.description).toBe('Diga says: Invalid or missing API key | error code: UNAUTHORIZED (HTTP 401)');
		expect(errorOf(result)?.httpCode).toBe('401');
	});

	test('403: the key lacks permission', async () => {
		const result = await run(server, { apiKey: READ_ONLY_API_KEY, parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toMatch(/^The Diga API key lacks permission for this action/);
		expect(errorOf(result)?.description).toBe('Diga says: Missing required permissions | error code: INTERNAL_SERVER_ERROR (HTTP 403)');
	});

	test('404 for the phone names the phone', async () => {
		const missing = 'c0000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: updatePhone(locator('id', missing), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe(`Diga could not find phone ${missing} in this account`);
		expect(errorOf(result)?.description).toBe(`Diga says: Phone ${missing} not found | error code: PHONE_NOT_FOUND (HTTP 404)`);
	});

	// The spec lists no 404 codes for this path: a code other than PHONE_NUMBER_NOT_FOUND names both candidates.
	test('404 with a version chosen names the phone and the version field; Diga’s words stay in the description', async () => {
		const missing = 'b9999999-0001-4999-8999-999999999999';
		const result = await run(server, {
			parameters: updatePhone(locator('id', IDS.salesPhone), { inboundVersionId: locator('id', missing) }),
		});
		expect(errorOf(result)?.message).toBe(`Diga could not find phone ${IDS.salesPhone} or the Inbound Agent Version ${missing}`);
		expect(errorOf(result)?.description).toContain('AGENT_VERSION_NOT_FOUND');
	});

	test('422 in FastAPI’s shape lists each field and why', async () => {
		server.fault({
			method: 'PATCH',
			status: 422,
			body: {
				detail: [
					{ loc: ['body', 'inbound_version_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
					{ loc: ['body', 'nickname'], msg: 'String should have at most 64 characters', type: 'string_too_long' },
				],
			},
		});
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe(
			'Diga rejected these fields: Inbound Agent Version (inbound_version_id): Input should be a valid UUID; Nickname (nickname): String should have at most 64 characters',
		);
	});

	test('422 in Diga’s shape shows Diga’s message and code', async () => {
		server.fault({ method: 'PATCH', status: 422, body: { status: 'error', error_code: 'PHONE_NOT_ASSIGNED', message: 'Phone is released' } });
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe('Diga rejected the request: Phone is released');
		expect(errorOf(result)?.description).toBe('Diga says: Phone is released | error code: PHONE_NOT_ASSIGNED (HTTP 422)');
	});
});

describe('continue on fail: one error item per failed input, the rest still run', () => {
	const items = [
		{ id: IDS.salesPhone },
		{ id: 'not-a-uuid' },
		{ id: 'c0000000-9999-4000-8000-000000000999' },
		{ id: IDS.supportPhone },
	];

	test.each([
		['continueOnFail: true', { continueOnFail: true }],
		['On Error: Continue', { onError: 'continueRegularOutput' as const }],
	])('%s', async (_name, nodeSettings) => {
		const result = await run(server, {
			items,
			nodeSettings,
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'Checked' }),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toMatchObject({ id: IDS.salesPhone, nickname: 'Checked' });
		expect(result.items[1].json).toEqual({
			error: 'Phone is not a valid ID: "not-a-uuid"',
			description: expect.stringContaining('must be a Diga ID'),
		});
		expect(result.items[2].json.error).toBe('Diga could not find phone c0000000-9999-4000-8000-000000000999 in this account');
		expect(result.items[3].json).toMatchObject({ id: IDS.supportPhone, nickname: 'Checked' });
		expect(server.requestsTo('PATCH')).toHaveLength(3);
	});

	test('without it, the run stops at the first failing item and names it', async () => {
		const result = await run(server, {
			items,
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'Checked' }),
		});
		expect(result.error).toMatchObject({ message: 'Phone is not a valid ID: "not-a-uuid"', context: { itemIndex: 1 } });
	});
});

describe('the API key is never shown', () => {
	test.each([
		['401', { apiKey: 'sk-wrong-secret-123' }],
		['404', {}],
		['continue on fail', { nodeSettings: { continueOnFail: true } }],
	])('%s', async (_name, extra) => {
		const apiKey = (extra as { apiKey?: string }).apiKey ?? TEST_API_KEY;
		const result = await run(server, {
			...extra,
			items: [{ id: 'c0000000-9999-4000-8000-000000000999' }],
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }),
		});
		expect(server.requests.length).toBeGreaterThan(0);
		expect(visibleText(result)).not.toContain(apiKey);
	});
});

describe('a 2xx without a phone', () => {
	test('a 204 on the PATCH is described as a 204, not as a 200', async () => {
		server.fault({ method: 'PATCH', status: 204 });
		const result = await run(server, { parameters: updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe('Diga answered, but not with a phone');
		expect(errorOf(result)?.description).toBe('HTTP 204 with an empty body');
	});
});
