// The engine keeps instance settings in a user folder: keep them out of $HOME (as runWorkflow does).
import '../dev/engine/runWorkflow';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from '../dev/engine/credentialsHelper';
import { DigaTestServer } from '../dev/diga-server/digaServer';
import { pkg, TEST_API_KEY, useDigaServer } from './helpers';

const server = useDigaServer();
/** Another origin, to which a redirect points. */
const elsewhere = new DigaTestServer();
beforeAll(async () => {
	await elsewhere.start();
});
beforeEach(() => elsewhere.reset());
afterAll(async () => {
	await elsewhere.stop();
});

const credential = pkg.credential;

/** The value at a dotted path, as lodash's `get` (which n8n's tester uses) reads it. */
function valueAt(data: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key]), data);
}

/**
 * The credential's "Test" button as n8n runs a declarative test: a port of the declarative branch
 * of CredentialsTester.testCredentials (n8n's packages/cli, the same in 1.123 and 2.x). The
 * `test.request` becomes the routing of a one-field node, n8n-core's RoutingNode sends it with the
 * credential's `authenticate`, then the rules decide. The e2e suite checks the same cases in real n8n.
 */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const { request, rules = [] } = credential.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: 'The credential test request',
			defaults: { name: 'Temp' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credential.name]: { id: '1', name: 'Diga account' } },
	};
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ [credential.name]: credential }, { [credential.name]: data }),
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const decrypted: ICredentialsDecrypted = { id: '1', name: 'Diga account', type: credential.name, data };

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		const { cause, message } = error as { cause?: { response?: { status: number; statusText?: string }; code?: string }; message: string };
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of rules) {
				if (rule.type === 'responseCode' && rule.properties.value === status) return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message };
	}
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody' && valueAt(response![0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

const NOT_A_PHONE_LIST =
	"The Base URL answered, but not with Diga's phone list. Check the Base URL: leave https://api.diga.io unless you use a Diga-compatible server.";

describe('Diga API credential', () => {
	test('is named digaApi with an apiKey password field and a baseUrl defaulting to Diga', () => {
		expect(credential.name).toBe('digaApi');
		expect(credential.displayName).toBe('Diga API');
		const [apiKey, baseUrl] = credential.properties;
		expect(apiKey).toMatchObject({ name: 'apiKey', typeOptions: { password: true } });
		expect(baseUrl).toMatchObject({ name: 'baseUrl', default: 'https://api.diga.io' });
	});

	test('authenticates every request with the bearer token', async () => {
		const helper = new TestCredentialsHelper({ digaApi: credential }, { digaApi: { apiKey: 'k-123', baseUrl: '' } });
		const noNodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: noNodeTypes as unknown as INodeTypes });
		const node = { id: 'x', name: 'x', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const options: IHttpRequestOptions = { url: 'https://api.diga.io/v1/phone/' };
		await helper.authenticate({ apiKey: 'k-123' }, 'digaApi', options, workflow, node);
		expect(options.headers).toEqual({ Authorization: 'Bearer k-123' });
	});

	test('is tested by its own declarative request, not by a node function', () => {
		expect(pkg.node.description.credentials).toEqual([{ name: 'digaApi', required: true }]);
		expect(pkg.node.methods).not.toHaveProperty('credentialTest');
		expect(credential.test?.request).toMatchObject({ url: '/v1/phone/', qs: { limit: 1 }, disableFollowRedirect: true });
	});
});

describe('the credential Test', () => {
	test.each(['', '/', '/v1', '/v1/', '//', '/V1'])('lists one phone, base URL ending in "%s"', async (suffix) => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: `${server.baseUrl}${suffix}` });

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
			['GET', '/v1/phone/', { limit: '1' }, `Bearer ${TEST_API_KEY}`],
		]);
	});

	test('a wrong key says which field to fix', async () => {
		const result = await testCredential({ apiKey: 'sk-not-the-key', baseUrl: server.baseUrl });
		expect(result).toEqual({
			status: 'Error',
			message: 'Diga did not accept the API key (HTTP 401). Copy the key again from Diga (Settings → API keys).',
		});
	});

	test('a key without phones.view says which permission is missing', async () => {
		server.fault({ path: /^\/v1\/phone\/$/, status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions' } });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: server.baseUrl });
		expect(result).toEqual({
			status: 'Error',
			message: 'The API key lacks the phones.view permission (HTTP 403). Grant it in Diga, or use another key.',
		});
	});

	test('a wrong base URL path (404) points at the Base URL', async () => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: `${server.baseUrl}/api` });
		expect(result).toEqual({
			status: 'Error',
			message: 'No Diga phone list at this Base URL (HTTP 404). Check the Base URL: leave https://api.diga.io unless you use a Diga-compatible server.',
		});
		// The wrong path is the point of this case: the spec judge saw it, and it is the only violation.
		expect(server.spec.takeViolations()).toEqual([expect.stringContaining('no path of the spec matches /api/v1/phone/')]);
	});

	test.each([
		['an HTML page', { kind: 'raw' as const, rawBody: '<html><body>Welcome to nginx!</body></html>' }],
		['a JSON object that is not a phone list', { kind: 'reply' as const, status: 200, body: { status: 'ok' } }],
		['a JSON whose data is not a list', { kind: 'reply' as const, status: 200, body: { data: { id: 1 }, has_more: false } }],
		['a list without has_more', { kind: 'reply' as const, status: 200, body: { data: [] } }],
		['JSON null', { kind: 'raw' as const, rawBody: 'null', contentType: 'application/json' }],
	])('a 200 answer that is %s fails: not Diga', async (_, fault) => {
		server.fault({ path: /^\/v1\/phone\/$/, ...fault });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: server.baseUrl });
		expect(result).toEqual({ status: 'Error', message: NOT_A_PHONE_LIST });
	});

	test.each([301, 302, 307, 308])('a %s redirect to another origin is not followed: the key stays home', async (status) => {
		server.fault({ path: /^\/v1\/phone\/$/, status, headers: { location: `${elsewhere.baseUrl}/v1/phone/?limit=1` } });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: server.baseUrl });
		expect(result).toEqual({
			status: 'Error',
			message: `The Base URL redirects elsewhere (HTTP ${status}); the Test does not follow redirects, so the key stays at the Base URL. Enter the final address as Base URL.`,
		});
		expect(elsewhere.requests).toEqual([]);
	});

	test.each([
		[418, 'The server at the Base URL refused the Test (HTTP 418). Check the Base URL: leave https://api.diga.io unless you use a Diga-compatible server.'],
		[429, 'Diga is rate-limiting this API key (HTTP 429). Try again in a minute.'],
		[502, 'The server at the Base URL failed (HTTP 502). If the Base URL is right, Diga has a problem: try again later.'],
	])('HTTP %s gets fixed words, never the server’s own text (which could echo the key)', async (status, message) => {
		server.fault({ path: /^\/v1\/phone\/$/, kind: 'raw', status, rawBody: `<h1>Bad token Bearer ${TEST_API_KEY}</h1>` });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: server.baseUrl });
		expect(result).toEqual({ status: 'Error', message });
		expect(JSON.stringify(result)).not.toContain(TEST_API_KEY);
	});

	test('has a fixed message for every non-2xx status, none mentioning the key', () => {
		const codes = (credential.test?.rules ?? []).flatMap((rule) => (rule.type === 'responseCode' ? [rule.properties.value] : []));
		expect(codes).toEqual(Array.from({ length: 300 }, (_, index) => 300 + index));
	});

	test('an unreachable server gives n8n’s network error code', async () => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:9' });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
