import { requestOptions } from '../nodes/Diga/descriptions/options';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_REPEAT_WINDOW_MINUTES } from '../nodes/Diga/helpers/runSettings';
import { runBounded } from '../nodes/Diga/helpers/pool';
import { DEFAULT_REQUEST_SETTINGS, normalizeBaseUrl } from '../nodes/Diga/transport/client';
import { backoffDelay, isRetryableNetworkError, isRetryableStatus, neverSent, parseRetryAfter, readConnectionFailure } from '../nodes/Diga/transport/retry';

describe('normalizeBaseUrl', () => {
	test.each([
		['https://api.diga.io', 'https://api.diga.io'],
		['https://api.diga.io/', 'https://api.diga.io'],
		['https://api.diga.io/v1', 'https://api.diga.io'],
		['https://api.diga.io/v1/', 'https://api.diga.io'],
		[' http://127.0.0.1:8080/V1// ', 'http://127.0.0.1:8080'],
		['https://staging.example.com/diga', 'https://staging.example.com/diga'],
		['', 'https://api.diga.io'],
		[undefined, 'https://api.diga.io'],
	])('%p → %p', (input, expected) => expect(normalizeBaseUrl(input)).toBe(expected));
});

describe('runBounded', () => {
	const tick = () => new Promise((resolve) => setImmediate(resolve));

	test('never more than `concurrency` tasks in flight, results in input order', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await runBounded(
			25,
			4,
			async (i) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				for (let k = 0; k < (i % 3) + 1; k++) await tick();
				inFlight--;
				return i * 2;
			},
			false,
		);
		expect(peak).toBe(4);
		expect(results.map((r) => (r?.ok ? r.value : null))).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
	});

	test('concurrency 1 is strictly sequential', async () => {
		const order: string[] = [];
		await runBounded(3, 1, async (i) => {
			order.push(`start ${i}`);
			await tick();
			order.push(`end ${i}`);
		}, false);
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	test('stopOnError: nothing new starts after a failure', async () => {
		const started: number[] = [];
		const results = await runBounded(10, 2, async (i) => {
			started.push(i);
			await tick();
			if (i === 3) throw new Error('boom');
			await tick();
		}, true);
		expect(results[3]).toEqual({ ok: false, error: new Error('boom') });
		expect(started.length).toBeLessThan(10);
		expect(results.slice(started.length).every((r) => r === undefined)).toBe(true);
	});

	test('without stopOnError every task runs', async () => {
		const results = await runBounded(5, 2, async (i) => {
			if (i % 2) throw new Error(`item ${i}`);
			return i;
		}, false);
		expect(results.map((r) => r?.ok)).toEqual([true, false, true, false, true]);
	});
});

describe('retry rules', () => {
	test('only passing failures are retried', () => {
		expect([429, 502, 503, 504].every((status) => isRetryableStatus(status))).toBe(true);
		expect([400, 401, 403, 404, 409, 422, 500].some((status) => isRetryableStatus(status))).toBe(false);
		expect(isRetryableNetworkError({ code: 'ECONNRESET' })).toBe(true);
		expect(isRetryableNetworkError({ code: 'ECONNABORTED', message: 'timeout of 50ms exceeded' })).toBe(true);
		expect(isRetryableNetworkError({ message: 'socket hang up' })).toBe(true);
		expect(isRetryableNetworkError({ code: 'ERR_INVALID_URL' })).toBe(false);
	});

	test('a request that creates something is sent again only when Diga surely did not act', () => {
		expect([429, 503].every((status) => isRetryableStatus(status, 'create'))).toBe(true);
		expect([502, 504, 500].some((status) => isRetryableStatus(status, 'create'))).toBe(false);
		expect([502, 504].every((status) => isRetryableStatus(status, 'idempotent'))).toBe(true);
		// Never written: refused, DNS, a failed connect step, a TLS handshake that never completed.
		expect(isRetryableNetworkError({ code: 'ECONNREFUSED', syscall: 'connect' }, 'create')).toBe(true);
		expect(isRetryableNetworkError({ code: 'EAI_AGAIN', syscall: 'getaddrinfo' }, 'create')).toBe(true);
		expect(isRetryableNetworkError({ code: 'ETIMEDOUT', syscall: 'connect' }, 'create')).toBe(true);
		expect(isRetryableNetworkError({ code: 'ECONNRESET', message: 'Client network socket disconnected before secure TLS connection was established' }, 'create')).toBe(true);
		// Maybe written: a reset or hang-up after connecting, a timeout.
		expect(isRetryableNetworkError({ code: 'ECONNRESET', message: 'socket hang up' }, 'create')).toBe(false);
		expect(isRetryableNetworkError({ code: 'ECONNABORTED', message: 'timeout of 50ms exceeded' }, 'create')).toBe(false);
		expect(isRetryableNetworkError({ code: 'ETIMEDOUT', message: 'timeout: the whole request took longer than the Timeout option' }, 'create')).toBe(false);
		expect(isRetryableNetworkError({ code: 'ECONNRESET' }, 'idempotent')).toBe(true);
	});

	test('the failure is read along the causes n8n wraps it in (NodeApiError → AxiosError → Node error)', () => {
		const node = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', syscall: 'connect' });
		const axios = Object.assign(new Error(node.message), { code: 'ECONNREFUSED', cause: node });
		const n8n = Object.assign(new Error('The service refused the connection - perhaps it is offline'), { cause: axios });
		expect(readConnectionFailure(n8n)).toEqual({ code: 'ECONNREFUSED', syscall: 'connect', message: node.message });
		expect(neverSent(readConnectionFailure(n8n))).toBe(true);
		expect(neverSent({ code: 'ECONNRESET', message: 'socket hang up' })).toBe(false);
	});

	test('Retry-After in seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-27T12:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	test('backoff doubles per attempt, with jitter in the upper half', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 0))).toEqual([250, 500, 1000, 2000]);
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 1))).toEqual([500, 1000, 2000, 4000]);
		expect(backoffDelay(20, () => 1)).toBe(30_000);
	});
});

test('the Options defaults shown in the UI are the ones the code uses', () => {
	const defaults = Object.fromEntries((requestOptions.options ?? []).map((o) => [(o as { name: string }).name, (o as { default: unknown }).default]));
	expect(defaults).toEqual({
		maxConcurrency: DEFAULT_MAX_CONCURRENCY,
		maxRetries: DEFAULT_REQUEST_SETTINGS.maxRetries,
		maxRetryWait: DEFAULT_REQUEST_SETTINGS.maxRetryWaitMs / 1000,
		timeout: DEFAULT_REQUEST_SETTINGS.timeoutMs,
		skipRepeatCallsWithin: DEFAULT_REPEAT_WINDOW_MINUTES,
	});
});
