/** When and how long to wait before trying a request again. Pure, so it is tested alone. */

/** Statuses that say "try again later"; every other 4xx/5xx is final. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Connection-level failures worth another try (the request may not have reached Diga). */
const RETRYABLE_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const BASE_DELAY_MS = 500;
const MAX_SINGLE_DELAY_MS = 30_000;

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}

export function isRetryableNetworkError(error: { code?: string; message?: string }): boolean {
	return (
		(error.code !== undefined && RETRYABLE_CODES.has(error.code)) ||
		/socket hang up|timeout/i.test(error.message ?? '')
	);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_SINGLE_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
