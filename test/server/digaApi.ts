import type { DigaTestServer } from '../../dev/diga-server/digaServer';
import { TEST_API_KEY } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read field by field
export type Answer = any;

/** Speaks to the test server as a client of Diga's API does (redirects not followed): status and parsed body. */
export function digaApi(server: DigaTestServer) {
	return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Answer }> => {
		const response = await fetch(`${server.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
}
