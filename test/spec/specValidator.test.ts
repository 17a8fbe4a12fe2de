import { DigaTestServer, TEST_API_KEY } from '../../dev/diga-server/digaServer';
import { violationReport } from '../../dev/diga-server/specCheck';
import { SpecValidator } from '../../dev/diga-server/specValidator';
import { IDS } from '../helpers';

// The validator must be able to fail: requests and answers that break Diga's spec, each with its rule.
// This file runs its own server (not useDigaServer) because breaking the spec is the point here.
const server = new DigaTestServer();
beforeAll(async () => {
	await server.start();
});
afterAll(async () => {
	await server.stop();
});
beforeEach(() => {
	server.reset();
	server.spec.takeViolations();
});

const auth = { authorization: `Bearer ${TEST_API_KEY}` };

async function send(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
	const response = await fetch(`${server.baseUrl}${path}`, {
		method,
		headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.headers ?? auth) },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	await response.arrayBuffer();
	return server.spec.takeViolations();
}

describe('requests the node might send', () => {
	test('a request that fits the spec: no violation', async () => {
		expect(await send('GET', `/v1/phone/?limit=5&status=assigned&inbound_agent_id=${IDS.salesAgent}&start_assigned_at=2026-01-01T00:00:00Z`)).toEqual([]);
		expect(await send('PATCH', `/v1/phone/${IDS.salesPhone}`, { body: { nickname: 'Front desk', inbound_version_id: null } })).toEqual([]);
	});

	test('requests that fit the spec but that Diga refuses: the refusals fit the spec too', async () => {
		const both = (id: string) => `after=${id}&before=${id}`;
		expect(await send('GET', `/v1/phone/?${both(IDS.salesPhone)}`)).toEqual([]); // 422 as ErrorResponseSchema
		expect(await send('GET', `/v1/agent/${IDS.salesAgent}/version?${both(IDS.salesV1)}`)).toEqual([]); // 422 as HTTPValidationError
		expect(await send('GET', '/v1/phone/c0000000-0009-4000-8000-000000000009')).toEqual([]); // 404, undeclared: ErrorResponseSchema
		expect(server.requests).toHaveLength(3);
	});

	test('a query name the spec does not declare', async () => {
		expect(await send('GET', `/v1/phone/?agent_id=${IDS.salesAgent}`)).toEqual([
			`GET /v1/phone/?agent_id=${IDS.salesAgent} — list_phones_v1_phone__get: query: 'agent_id' is not declared by the spec`,
		]);
	});

	test('query values outside their schema: a bad uuid, a bad date-time, an unknown enum value, a limit over the maximum', async () => {
		const path = '/v1/phone/?inbound_agent_id=sales-bot&start_assigned_at=yesterday&status=active&limit=500';
		expect(await send('GET', path)).toEqual([
			`GET ${path} — list_phones_v1_phone__get: query.limit = "500": must be <= 100`,
			`GET ${path} — list_phones_v1_phone__get: query.inbound_agent_id = "sales-bot": must match format "uuid"`,
			`GET ${path} — list_phones_v1_phone__get: query.status = "active": must be equal to one of the allowed values (reserved, pending_verification, assigned, released, finished)`,
			`GET ${path} — list_phones_v1_phone__get: query.start_assigned_at = "yesterday": must match format "date-time"`,
		]);
	});

	test('a path parameter that is not a uuid', async () => {
		expect(await send('GET', '/v1/phone/front-desk')).toEqual([
			'GET /v1/phone/front-desk — get_phone_v1_phone__phone_id__get: path.phone_id = "front-desk": must match format "uuid"',
		]);
	});

	test('a body field the spec does not declare, and a field of the wrong type', async () => {
		expect(await send('PATCH', `/v1/phone/${IDS.salesPhone}`, { body: { nickname: 7, inbound_agent_id: IDS.salesAgent } })).toEqual([
			`PATCH /v1/phone/${IDS.salesPhone} — update_phone_v1_phone__phone_id__patch: requestBody.nickname = 7: must be string`,
			`PATCH /v1/phone/${IDS.salesPhone} — update_phone_v1_phone__phone_id__patch: requestBody: 'inbound_agent_id' is not declared by the spec`,
		]);
	});

	test('no bearer auth', async () => {
		expect(await send('GET', '/v1/phone/', { headers: {} })).toEqual([
			'GET /v1/phone/ — list_phones_v1_phone__get: header.authorization: the spec requires HTTP bearer auth (Authorization: Bearer <API key>)',
		]);
		expect(await send('GET', '/v1/phone/', { headers: { authorization: TEST_API_KEY } })).toHaveLength(1);
	});

	test('a path or a method the spec does not have', async () => {
		expect(await send('GET', '/v1/phone')).toEqual(['GET /v1/phone — no path of the spec matches /v1/phone']);
		expect(await send('GET', '/v1/phones/')).toEqual(['GET /v1/phones/ — no path of the spec matches /v1/phones/']);
		expect(await send('POST', '/v1/phone/', { body: {} })).toEqual(['POST /v1/phone/ — the spec has no POST operation on /v1/phone/']);
	});

	test('the readable failure a test shows', () => {
		expect(violationReport([])).toBeUndefined();
		expect(violationReport(['GET /v1/phones/ — no path of the spec matches /v1/phones/'])).toBe(
			"Diga's OpenAPI spec (dev/diga-api/openapi.json) was broken 1 time(s):\n  GET /v1/phones/ — no path of the spec matches /v1/phones/",
		);
	});
});

describe('answers the test server might give', () => {
	let validator: SpecValidator;
	beforeAll(async () => {
		validator = await SpecValidator.shared();
	});
	const operationOf = (method: string, path: string) =>
		validator.checkRequest({ method, path, search: '', headers: auth, body: undefined }).operation!;

	test('a body that does not fit the schema of its status', () => {
		const getPhone = operationOf('GET', `/v1/phone/${IDS.salesPhone}`);
		expect(validator.checkResponse(getPhone, 200, { id: 'front-desk', number: '+34911234567', status: 'busy', extra: 1 })).toEqual(
			expect.arrayContaining([
				'get_phone_v1_phone__phone_id__get → 200: id = "front-desk": must match format "uuid"',
				"get_phone_v1_phone__phone_id__get → 200: body: must have required property 'telephony_provider'",
				'get_phone_v1_phone__phone_id__get → 200: status = "busy": must be equal to one of the allowed values (reserved, pending_verification, assigned, released, finished)',
				"get_phone_v1_phone__phone_id__get → 200: body: 'extra' is not declared by the spec",
			]),
		);
	});

	test('a status the operation does not declare: an error is judged as ErrorResponseSchema, a success is refused', () => {
		const getPhone = operationOf('GET', `/v1/phone/${IDS.salesPhone}`);
		expect(validator.checkResponse(getPhone, 404, { status: 'error', error_code: 'PHONE_NOT_FOUND', message: 'Phone not found' })).toEqual([]);
		expect(validator.checkResponse(getPhone, 404, { detail: 'Not Found' })).toEqual([
			"get_phone_v1_phone__phone_id__get → 404: undeclared status, checked as ErrorResponseSchema: body: must have required property 'error_code'",
			"get_phone_v1_phone__phone_id__get → 404: undeclared status, checked as ErrorResponseSchema: body: must have required property 'message'",
			"get_phone_v1_phone__phone_id__get → 404: undeclared status, checked as ErrorResponseSchema: body: 'detail' is not declared by the spec",
		]);
		expect(validator.checkResponse(getPhone, 201, {})).toEqual(['get_phone_v1_phone__phone_id__get → 201: status not declared by the spec (declares 200, 422)']);
	});
});
