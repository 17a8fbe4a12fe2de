import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const make = (rest: object) => ({ resource: 'call', operation: 'make', ...rest }) as INodeParameters;
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string; httpCode?: string }) | undefined;

describe('Call → Make', () => {
	test('from a picked phone: POST /v1/call/ with the phone id, the number, the variables (expression values keep their type) and the version; output the call', async () => {
		const result = await run(server, {
			items: [{ name: 'Ana', debt: 120 }],
			parameters: make({
				from: locator('list', IDS.outboundPhone),
				to: '+34 612 34 56 78',
				dynamicVariables: { variable: [{ name: 'name', value: '={{ $json.name }}' }, { name: 'debt', value: '={{ $json.debt }}' }] },
				additionalFields: { agentVersionId: locator('list', IDS.salesV2) },
			}),
		});

		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			// The repeat guard's look for a call from this line within the last 5 minutes (make.repeats.test.ts).
			['GET', '/v1/call/', undefined],
			[
				'POST',
				'/v1/call/',
				{ from_number: IDS.outboundPhone, to_number: '+34612345678', dynamic_variables: { name: 'Ana', debt: 120 }, agent_version_id: IDS.salesV2 },
			],
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(server.state.calls[server.state.calls.length - 1]);
		expect(result.items[0].json).toMatchObject({ status: 'dialing', type: 'outbound', agent_version_id: IDS.salesV2, phone_register_id: IDS.outboundPhone });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('from a number, repeat guard off: sent as E.164 without a phone lookup; no variables or version → not sent', async () => {
		const result = await run(server, {
			parameters: make({ from: locator('number', '+34 600 111 222'), to: '+34612345678', options: { skipRepeatCallsWithin: 0 } }),
		});
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/call/', { from_number: '+34600111222', to_number: '+34612345678' }],
		]);
		expect(result.items[0].json).toMatchObject({ agent_id: IDS.salesAgent, agent_version_id: IDS.salesV3 });
	});

	test.each([
		['a number typed in By ID', locator('id', '+34 600 111 222'), '+34600111222'],
		['an ID typed in By Number', locator('number', IDS.outboundPhone), IDS.outboundPhone],
		['a number from an expression in From List', locator('list', '={{ "+34600111222" }}'), '+34600111222'],
	])('From takes a number or an ID whatever its mode (README): %s is sent as given', async (_case, from, sent) => {
		const result = await run(server, { parameters: make({ from, to: '+34612345678' }) });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST').map((r) => r.body)).toEqual([{ from_number: sent, to_number: '+34612345678' }]);
		expect(result.items[0].json).toMatchObject({ phone_register_id: IDS.outboundPhone, status: 'dialing' });
	});

	test.each([
		['To not in international format', { to: '612345678' }, 'To is not a phone number in international format: "612345678"'],
		['From neither a phone id nor a number', { from: locator('id', '={{ "sales" }}') }, 'From is not a valid ID: "sales"'],
		['From in By Number neither a number nor an id', { from: locator('number', '={{ "sales" }}') }, 'From is not a phone number in international format: "sales"'],
		['a variable without a name', { dynamicVariables: { variable: [{ name: ' ', value: 'x' }] } }, 'A dynamic variable has no name'],
		['a version that is not an id', { additionalFields: { agentVersionId: locator('id', '={{ "v3" }}') } }, 'Agent Version is not a valid ID: "v3"'],
	])('%s → a clear error before any request', async (_case, change, message) => {
		const result = await run(server, { parameters: make({ from: locator('list', IDS.outboundPhone), to: '+34612345678', ...change }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});

	test('400 NON_SPANISH_PHONE_NUMBER: Diga calls Spanish numbers only', async () => {
		const result = await run(server, { parameters: make({ from: locator('list', IDS.outboundPhone), to: '+14155550123' }) });
		expect(errorOf(result)?.message).toBe('Diga refused to call +14155550123: it only calls Spanish numbers (+34)');
		expect(errorOf(result)?.description).toBe(
			'Diga says: Phone number +14155550123 is not a Spanish phone number | error code: NON_SPANISH_PHONE_NUMBER (HTTP 400)',
		);
	});

	test('403 for a number not verified yet', async () => {
		server.state.phones.find((p) => p.id === IDS.outboundPhone)!.status = 'pending_verification';
		const result = await run(server, { parameters: make({ from: locator('list', IDS.outboundPhone), to: '+34612345678' }) });
		expect(errorOf(result)?.message).toBe(
			`Diga refused the call from ${IDS.outboundPhone}: the number is not verified yet, or the API key may not create calls`,
		);
		expect(errorOf(result)?.description).toContain('Phone number +34600111222 is not verified');
	});

	test('412 SIP_CONFIG_NOT_SET: set up the line’s SIP trunk first', async () => {
		server.state.phones.find((p) => p.id === IDS.outboundPhone)!.telephony_provider = 'custom';
		const result = await run(server, { parameters: make({ from: locator('number', '+34600111222'), to: '+34612345678' }) });
		expect(errorOf(result)?.message).toBe('Diga cannot call from +34600111222: the line has no SIP configuration. Set up its SIP trunk in Diga first.');
		expect(errorOf(result)?.description).toBe(
			'Diga says: SIP configuration not set for this project | error code: SIP_CONFIG_NOT_SET (HTTP 412)',
		);
		expect(errorOf(result)?.httpCode).toBe('412');
	});

	test('404 PHONE_NUMBER_NOT_FOUND names the From number', async () => {
		const result = await run(server, { parameters: make({ from: locator('number', '+34999999999'), to: '+34612345678' }) });
		expect(errorOf(result)?.message).toBe('Diga has no phone +34999999999 in this account to call from');
	});

	test('continue on fail: one error item per failing input, the other calls are placed', async () => {
		const result = await run(server, {
			items: [{ to: '+34612345678' }, { to: '+14155550123' }, { to: '+34698765432' }],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: make({ from: locator('list', IDS.outboundPhone), to: '={{ $json.to }}' }),
		});
		expect(result.items.map((i) => [i.json.error ?? (i.json.contact as { identifier: string }).identifier, i.pairedItem])).toEqual([
			['+34612345678', { item: 0 }],
			['Diga refused to call +14155550123: it only calls Spanish numbers (+34)', { item: 1 }],
			['+34698765432', { item: 2 }],
		]);
	});
});

describe('Call → Make with On Error: Continue (using error output)', () => {
	test('a refused call goes to the error output, paired with its input; a placed call to the success output', async () => {
		server.state.phones.find((phone) => phone.id === IDS.outboundPhone)!.status = 'pending_verification';
		const result = await run(server, {
			items: [{ from: IDS.outboundPhone }, { from: IDS.salesPhone }],
			nodeSettings: { onError: 'continueErrorOutput' },
			parameters: { resource: 'call', operation: 'make', from: locator('id', '={{ $json.from }}'), to: '+34612345678' } as INodeParameters,
		});

		const [success, failure] = result.run.data.resultData.runData.Diga[0].data!.main;
		expect(success!.map((item) => [item.json.status, item.pairedItem])).toEqual([['dialing', { item: 1 }]]);
		expect(failure!.map((item) => [item.json.error, item.json.message, item.pairedItem])).toEqual([
			[`Diga refused the call from ${IDS.outboundPhone}: the number is not verified yet, or the API key may not create calls`, expect.stringContaining('is not verified'), { item: 0 }],
		]);
	});
});

