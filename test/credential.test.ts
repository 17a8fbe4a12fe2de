import type { IHttpRequestOptions, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './engine/credentialsHelper';
import { resolveCredentialExpression } from './engine/runWorkflow';
import { pkg, TEST_API_KEY, useDigaServer } from './helpers';

const server = useDigaServer();
const credential = pkg.credential;

/** The credential's "Test" as n8n performs it: its test request, authenticated by the credential itself. */
async function testCredential(apiKey: string, baseUrl: string) {
	const credentials = { apiKey, baseUrl };
	const request = credential.test!.request;
	const base = resolveCredentialExpression({ pkg, credentials }, request.baseURL!);
	const options: IHttpRequestOptions = { url: `${base}${request.url}`, qs: request.qs, headers: {} };
	const helper = new TestCredentialsHelper({ digaApi: credential }, { digaApi: credentials });
	const noNodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: noNodeTypes as unknown as INodeTypes });
	const node = { id: 'x', name: 'x', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	await helper.authenticate(credentials, 'digaApi', options, workflow, node);
	const query = new URLSearchParams(options.qs as Record<string, string>).toString();
	const response = await fetch(`${options.url}?${query}`, { headers: options.headers as Record<string, string> });
	return { url: options.url, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Diga API credential', () => {
	test('is named digaApi with an apiKey password field and a baseUrl defaulting to Diga', () => {
		expect(credential.name).toBe('digaApi');
		expect(credential.displayName).toBe('Diga API');
		const [apiKey, baseUrl] = credential.properties;
		expect(apiKey).toMatchObject({ name: 'apiKey', typeOptions: { password: true } });
		expect(baseUrl).toMatchObject({ name: 'baseUrl', default: 'https://api.diga.io' });
	});

	test.each(['', '/', '/v1', '/v1/', '//'])('the test request lists one phone, base URL ending in "%s"', async (suffix) => {
		const result = await testCredential(TEST_API_KEY, `${server.baseUrl}${suffix}`);

		expect(result.url).toBe(`${server.baseUrl}/v1/phone/`);
		expect(result.status).toBe(200);
		expect(server.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
			['GET', '/v1/phone/', { limit: '1' }, `Bearer ${TEST_API_KEY}`],
		]);
	});

	test('a wrong key fails the test with Diga’s own message', async () => {
		const result = await testCredential('not-the-key', server.baseUrl);
		expect(result.status).toBe(401);
		expect(result.body.message).toBe('Invalid or missing API key');
	});

	test('an empty base URL falls back to Diga’s production API', () => {
		const base = resolveCredentialExpression({ pkg, credentials: { apiKey: 'k', baseUrl: '' } }, credential.test!.request.baseURL!);
		expect(base).toBe('https://api.diga.io');
	});
});
