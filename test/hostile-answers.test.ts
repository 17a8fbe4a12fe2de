import type { IDataObject } from 'n8n-workflow';

import { DigaTestServer } from '../dev/diga-server/digaServer';
import { searchPhones } from '../nodes/Diga/methods/listSearch';
import { IDS, locator, pkg, run, searchContext, TEST_API_KEY, updatePhone, useDigaServer, visibleText } from './helpers';
import { listSearchContext } from '../dev/engine/runWorkflow';

const server = useDigaServer();

/** Another origin: whatever reaches it is recorded, and it answers like Diga would. */
const elsewhere = useDigaServer();

const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;
const rename = (options: IDataObject = {}) => updatePhone(locator('id', IDS.salesPhone), { nickname: 'x' }, options);
const mixedCase = (text: string) => [...text].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

describe('redirects are never followed with the key', () => {
	test.each([301, 302, 307, 308])('HTTP %i to another origin: an error naming the target; the other origin receives nothing', async (status) => {
		server.fault({ method: 'PATCH', status, headers: { location: `${elsewhere.baseUrl}/v1/phone/${IDS.salesPhone}?token=abc` } });
		const result = await run(server, { parameters: rename() });

		expect(errorOf(result)?.message).toBe(
			`Diga answered with a redirect (HTTP ${status}) to ${elsewhere.baseUrl}/v1/phone/${IDS.salesPhone}, which is not followed`,
		);
		expect(elsewhere.requests).toHaveLength(0);
		expect(result.items).toHaveLength(0);
		expect(server.requestsTo('PATCH')).toHaveLength(1);
	});

	test('a redirect on the same origin is not followed either (the Base URL is wrong)', async () => {
		server.fault({ method: 'GET', status: 301, headers: { location: '/api/v1/phone/' } });
		const result = await run(server, { parameters: { resource: 'phone', operation: 'getAll', returnAll: true } });
		expect(errorOf(result)?.message).toBe('Diga answered with a redirect (HTTP 301) to /api/v1/phone/, which is not followed');
		expect(server.requests).toHaveLength(1);
	});

	test('the phone picker: an error, nothing sent to the other origin', async () => {
		server.fault({ method: 'GET', status: 302, headers: { location: `${elsewhere.baseUrl}/v1/phone/` } });
		await expect(searchPhones.call(searchContext(server, 'parameters.phoneId'))).rejects.toMatchObject({
			message: `Diga answered with a redirect (HTTP 302) to ${elsewhere.baseUrl}/v1/phone/, which is not followed`,
		});
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('answers that echo the API key never carry it further', () => {
	const key = TEST_API_KEY;
	test.each([
		['a 401 quoting the bearer token', { status: 401, body: { message: `Invalid token: Bearer ${key}` } }],
		['a 400 of another shape', { status: 400, body: { error: { detail: `key ${key.toUpperCase()} rejected` }, message: `bad ${mixedCase(key)}` } }],
		['a 409 with the key in Diga’s message', { status: 409, body: { status: 'error', error_code: 'X', message: `in use by ${key}` } }],
		['an HTML 502 page', { kind: 'raw' as const, status: 502, rawBody: `<html><pre>Authorization: Bearer ${key}</pre></html>` }],
		['an HTML 200 page', { kind: 'raw' as const, status: 200, rawBody: `<html>welcome ${encodeURIComponent(key)}</html>` }],
		['a 200 phone whose fields hold the key', { status: 200, body: { id: IDS.salesPhone, number: '+34911234568', nickname: `${key} line`, [key]: 1 } }],
	])('%s: not in the error, the continue-on-fail item or the output, in any case', async (_name, fault) => {
		server.fault({ method: 'PATCH', times: 10, ...fault });
		const failed = await run(server, { parameters: rename({ maxRetries: 0 }) });
		server.fault({ method: 'PATCH', times: 10, ...fault });
		const continued = await run(server, { parameters: rename({ maxRetries: 0 }), nodeSettings: { onError: 'continueRegularOutput' } });

		for (const result of [failed, continued]) {
			const text = visibleText(result).toLowerCase();
			expect(text).not.toContain(key.toLowerCase());
			expect(text).not.toContain(encodeURIComponent(key).toLowerCase());
		}
		expect(visibleText(failed) + visibleText(continued)).toContain('[redacted]');
	});

	test('the picker’s error does not carry it', async () => {
		server.fault({ method: 'GET', status: 401, body: { message: `Invalid token: Bearer ${TEST_API_KEY}` } });
		const error = (await searchPhones.call(searchContext(server, 'parameters.phoneId')).catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(JSON.stringify({ message: error.message, description: error.description, error })).not.toContain(TEST_API_KEY);
	});
});

describe('the Base URL', () => {
	test('with user:password@ it is refused before any request; the password is never shown or sent', async () => {
		const host = server.baseUrl.replace('http://', '');
		const result = await run(server, { parameters: rename(), baseUrl: `http://admin:S3cretPass@${host}` });

		expect(errorOf(result)?.message).toBe(
			'The Base URL in the Diga API credential contains a user name or password (user:…@host). Diga authenticates with the API key only: remove them from the Base URL.',
		);
		expect(server.requests).toHaveLength(0);
		expect(visibleText(result)).not.toContain('S3cretPass');
	});

	test('an upper-case HTTP:// works', async () => {
		const result = await run(server, { parameters: rename(), baseUrl: server.baseUrl.replace('http://', 'HTTP://') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(IDS.salesPhone);
	});

	test('a network error names only scheme, host and port, never the path or query of the Base URL', async () => {
		const closed = new DigaTestServer();
		const url = await closed.start();
		await closed.stop();
		const result = await run(server, { parameters: rename({ maxRetries: 0 }), baseUrl: `${url.replace('http://', 'HTTP://')}/api?tenant=secret-tenant` });

		expect(errorOf(result)?.message).toBe(`Could not reach Diga at ${url}: the connection was refused`);
		expect(visibleText(result)).not.toContain('secret-tenant');
	});
});

describe('lists whose entries are not records', () => {
	const listWith = (data: unknown[]) => ({
		method: 'GET',
		status: 200,
		body: { data, has_more: false, first_id: null, last_id: null, current_page: null, total_pages: null },
	});

	test.each([
		['null', [null], 'null'],
		['a string', [{ id: IDS.salesPhone, number: '+1' }, 'phone'], '"phone"'],
		['a number', [42], '42'],
		['an array', [[IDS.salesPhone]], `["${IDS.salesPhone}"]`],
	])('%s in data: a NodeApiError naming the entry, never an engine crash', async (_name, data, shown) => {
		server.fault(listWith(data));
		const result = await run(server, { parameters: { resource: 'phone', operation: 'getAll', returnAll: true } });

		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(errorOf(result)?.message).toBe('Diga answered, but not with a list of records');
		expect(errorOf(result)?.description).toContain(`Entry ${data.length - 1} of "data" is ${shown}, not a record.`);
	});

	test('with continue on fail: one error item for that input, the other inputs still run', async () => {
		server.fault(listWith([null]));
		const result = await run(server, {
			items: [{}, {}],
			nodeSettings: { onError: 'continueRegularOutput' },
			parameters: { resource: 'phone', operation: 'getAll', limit: 1 },
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.id, item.pairedItem])).toEqual([
			['Diga answered, but not with a list of records', { item: 0 }],
			[expect.any(String), { item: 1 }],
		]);
		expect(result.items[1].json.error).toBeUndefined();
	});

	test('in the By Number lookup too', async () => {
		server.fault(listWith([null]));
		const result = await run(server, { parameters: updatePhone(locator('number', '+34911234567'), { nickname: 'x' }) });
		expect(errorOf(result)?.message).toBe('Diga answered, but not with a list of records');
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});
});

describe('Timeout bounds the whole request', () => {
	test('a server sending one byte every 200 ms is cut off at Timeout 500 ms, not when it finishes', async () => {
		server.fault({ method: 'PATCH', kind: 'trickle', intervalMs: 200, rawBody: JSON.stringify({ id: IDS.salesPhone, number: '+34911234568' }) });
		const started = Date.now();
		const result = await run(server, { parameters: rename({ timeout: 500, maxRetries: 0 }) });
		const took = Date.now() - started;

		expect(errorOf(result)?.message).toBe('Diga did not answer within the Timeout option (500 ms)');
		expect(took).toBeLessThan(2500);
	});
});

describe('Diga’s own words are shown as Diga wrote them', () => {
	test.each(['preexisting', 'ENOENT', 'eacces denied', 'econnrefused by policy'])('a 409 saying "%s"', async (word) => {
		server.fault({ method: 'PATCH', status: 409, body: { status: 'error', error_code: 'CONFLICT', message: `Number is ${word}` } });
		const result = await run(server, { parameters: rename() });
		expect(errorOf(result)?.message).toBe(`Diga reported a conflict: Number is ${word}`);
	});
});

describe('a wrong Base URL path is not mistaken for missing data', () => {
	test('a route-level 404 without an error code says the address looks wrong', async () => {
		server.fault({ method: 'PATCH', status: 404, body: { detail: 'Not Found' } });
		const result = await run(server, { parameters: rename() });
		expect(errorOf(result)?.message).toBe('Diga has no such address (HTTP 404). Check the Base URL in the Diga API credential.');
		expect(errorOf(result)?.message).not.toContain('could not find phone');
	});
});

describe('pickers refuse a base URL with user info as the node does', () => {
	test('phone picker', async () => {
		const host = server.baseUrl.replace('http://', '');
		const context = listSearchContext(
			{ pkg, parameters: { resource: 'phone', operation: 'update' }, credentials: { apiKey: TEST_API_KEY, baseUrl: `http://u:pw1234@${host}` } },
			'parameters.phoneId',
		);
		await expect(searchPhones.call(context)).rejects.toMatchObject({ message: expect.stringMatching(/^The Base URL in the Diga API credential contains a user name or password/) });
		expect(server.requests).toHaveLength(0);
	});
});
