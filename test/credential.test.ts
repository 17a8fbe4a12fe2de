import type { ICredentialsDecrypted, ICredentialTestFunctions, IHttpRequestOptions, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { digaApiTest } from '../nodes/Diga/transport/credentialTest';
import { TestCredentialsHelper } from '../dev/engine/credentialsHelper';
import { pkg, searchContext, TEST_API_KEY, useDigaServer } from './helpers';

const server = useDigaServer();
const credential = pkg.credential;

/** The credential's "Test" button as n8n runs it: the node's `testedBy` function, with n8n-core's request helper. */
async function testCredential(apiKey: string, baseUrl: string) {
	const { helpers, logger } = searchContext(server, 'parameters.phoneId');
	const context = { helpers: { request: helpers.request }, logger } as unknown as ICredentialTestFunctions;
	const decrypted: ICredentialsDecrypted = { id: '1', name: 'Diga account', type: 'digaApi', data: { apiKey, baseUrl } };
	return await digaApiTest.call(context, decrypted);
}

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

	test('the Diga node tests it (so failures can show Diga’s own message)', () => {
		expect(pkg.node.description.credentials).toEqual([{ name: 'digaApi', required: true, testedBy: 'digaApiTest' }]);
		expect(pkg.node.methods?.credentialTest?.digaApiTest).toBe(digaApiTest);
	});
});

describe('the credential test', () => {
	test.each(['', '/', '/v1', '/v1/', '//'])('lists one phone, base URL ending in "%s"', async (suffix) => {
		const result = await testCredential(TEST_API_KEY, `${server.baseUrl}${suffix}`);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful: Diga accepted the API key' });
		expect(server.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
			['GET', '/v1/phone/', { limit: '1' }, `Bearer ${TEST_API_KEY}`],
		]);
	});

	test('a wrong key fails with Diga’s own message, and without the key', async () => {
		const result = await testCredential('sk-not-the-key', server.baseUrl);
		expect(result).toEqual({
			status: 'Error',
			message: 'Diga says: Invalid or missing API key | error code: UNAUTHORIZED (HTTP 401)',
		});
	});

	test('an unreachable server says so', async () => {
		const result = await testCredential(TEST_API_KEY, 'http://127.0.0.1:9');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach Diga at http:\/\/127\.0\.0\.1:9: /);
	});
});
