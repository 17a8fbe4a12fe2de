import type { Fault } from '../dev/diga-server/digaServer';
import { IDS, locator, run, updatePhone, useDigaServer } from './helpers';

const server = useDigaServer();

const digaBody = (error_code: string, message: string) => ({ status: 'error', error_code, message });

/**
 * n8n 2.x reads why a node failed from `NodeApiError.failure` (a dead key, a busy Diga, something
 * gone), for its retries and error workflows. Given this answer to Phone → Update, the error
 * declares exactly this failure (none where the status says nothing about the cause).
 */
const cases: Array<{ name: string; fault: Fault; failure: object | undefined }> = [
	{ name: '401', fault: { status: 401, body: digaBody('UNAUTHORIZED', 'Invalid API key') }, failure: { cause: 'credential-invalid' } },
	{ name: '403', fault: { status: 403, body: digaBody('FORBIDDEN', 'Missing required permissions') }, failure: { cause: 'configuration-invalid' } },
	{ name: '404', fault: { status: 404, body: digaBody('PHONE_NOT_FOUND', 'Phone not found') }, failure: { cause: 'configuration-invalid' } },
	{ name: '429 with Retry-After', fault: { status: 429, headers: { 'retry-after': '7' }, body: digaBody('RATE_LIMITED', 'Slow down') }, failure: { cause: 'rate-limited', retryAfterMs: 7000 } },
	{ name: '429 without Retry-After', fault: { status: 429, body: digaBody('RATE_LIMITED', 'Slow down') }, failure: { cause: 'rate-limited' } },
	{ name: '503', fault: { status: 503, body: digaBody('UNAVAILABLE', 'Maintenance') }, failure: { cause: 'temporarily-unavailable' } },
	{ name: 'connection refused or reset', fault: { kind: 'reset' }, failure: { cause: 'temporarily-unavailable' } },
	{ name: '409', fault: { status: 409, body: digaBody('PHONE_BUSY', 'Phone is being ported') }, failure: undefined },
	{ name: '500', fault: { status: 500, body: digaBody('INTERNAL_SERVER_ERROR', 'An internal server error occurred') }, failure: undefined },
];

test.each(cases)('$name: the error declares failure $failure', async ({ fault, failure }) => {
	server.fault({ ...fault, method: 'PATCH', path: new RegExp(IDS.supportPhone), times: 100 });
	const result = await run(server, {
		parameters: updatePhone(locator('id', IDS.supportPhone), { nickname: 'x' }, { maxRetries: 0 }),
	});
	expect(result.error).toMatchObject({ name: 'NodeApiError' });
	expect((result.error as { failure?: object }).failure).toEqual(failure);
});

test('a Base URL the credential cannot use is the credential’s failure', async () => {
	const result = await run(server, {
		baseUrl: 'https://user:secret@api.example.com',
		parameters: updatePhone(locator('id', IDS.supportPhone), { nickname: 'x' }),
	});
	expect((result.error as { failure?: object }).failure).toEqual({ cause: 'credential-invalid' });
	expect(server.requests).toHaveLength(0);
});
