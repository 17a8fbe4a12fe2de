import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { normalizeBaseUrl } from './client';
import { describeNetworkFailure, diagnosis } from './errors';

/**
 * The credential's "Test" button: lists one phone with the key. Written as a node credential
 * test (not a declarative `test` request) so that a failure shows Diga's own message instead
 * of n8n's bare HTTP status text.
 */
export async function digaApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = normalizeBaseUrl(data.baseUrl);
	let response: { statusCode: number; body: unknown };
	try {
		// The legacy `request` helper is the only HTTP helper n8n gives credential tests.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/v1/phone/`,
			qs: { limit: 1 },
			headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const { code } = error as { code?: string };
		return { status: 'Error', message: `Could not reach Diga at ${baseUrl}: ${describeNetworkFailure(code)}` };
	}
	if (response.statusCode >= 200 && response.statusCode < 300) {
		return { status: 'OK', message: 'Connection successful: Diga accepted the API key' };
	}
	return { status: 'Error', message: diagnosis(response.statusCode, response.body) };
}
