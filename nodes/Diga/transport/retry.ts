/** When and how long to wait before trying a request again. Pure, so it is tested alone. */

/**
 * What a request does in Diga, which decides when it may be sent again:
 * `read` changes nothing; `idempotent` leaves Diga the same however often it arrives (PATCH with
 * the same body sets the same values; DELETE of the same phone); `create` acts anew each time
 * (POST: a call, an import, a version).
 */
export type RequestEffect = 'read' | 'idempotent' | 'create';

export function effectOfMethod(method: string): RequestEffect {
	if (method === 'GET' || method === 'HEAD') return 'read';
	return method === 'POST' ? 'create' : 'idempotent';
}

/** Statuses that say "try again later"; every other 4xx/5xx is final. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Statuses that say Diga did not act: rate-limited, or not available to take the request. */
const NOT_ACTED_STATUSES = new Set([429, 503]);

/** Statuses of a gateway that passed the request on and lost Diga's answer. */
const LOST_ANSWER_STATUSES = new Set([502, 504]);

/**
 * Failures before the request was written: nothing reached Diga. Refused and DNS by their codes;
 * any failure of the `connect` or `getaddrinfo` step (Node's `syscall`); TLS certificate errors and
 * a TLS handshake that never completed (before it, no byte of the request is sent).
 */
const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NEVER_SENT_SYSCALLS = new Set(['connect', 'getaddrinfo']);
const TLS_NOT_ESTABLISHED = /before secure TLS connection was established/i;

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

/** Whether an answer with this status may be followed by the same request again. */
export function isRetryableStatus(status: number, effect: RequestEffect = 'read'): boolean {
	return effect === 'create' ? NOT_ACTED_STATUSES.has(status) : RETRYABLE_STATUSES.has(status);
}

/** Whether a gateway may have passed the request to Diga and lost its answer (502, 504). */
export function isLostAnswerStatus(status: number): boolean {
	return LOST_ANSWER_STATUSES.has(status);
}

/** A connection failure as read from n8n's request helper: the first code and syscall along its causes. */
export interface ConnectionFailure {
	code?: string;
	syscall?: string;
	message?: string;
}

/**
 * n8n's helper throws a NodeApiError whose `cause` is the HTTP client's error (axios), whose
 * `cause` is Node's own error with `code` and `syscall`; the deadline of transport/cancel.ts
 * throws a plain error with a code. Reads all of them, a few levels deep.
 */
export function readConnectionFailure(error: unknown): ConnectionFailure {
	const failure: ConnectionFailure = {};
	let current = error as { code?: unknown; syscall?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (failure.code === undefined && typeof current.code === 'string') failure.code = current.code;
		if (failure.syscall === undefined && typeof current.syscall === 'string') failure.syscall = current.syscall;
		// n8n's wrapper message is generic; the innermost one says what the socket did ("socket hang up").
		if (typeof current.message === 'string' && current.message !== '') failure.message = current.message;
		current = current.cause as typeof current;
	}
	return failure;
}

/** Whether the failure happened before any byte of the request was written (so Diga surely did not act). */
export function neverSent(failure: ConnectionFailure): boolean {
	return (
		(failure.code !== undefined && NEVER_SENT_CODES.has(failure.code)) ||
		(failure.syscall !== undefined && NEVER_SENT_SYSCALLS.has(failure.syscall)) ||
		TLS_NOT_ESTABLISHED.test(failure.message ?? '')
	);
}

/** Whether a request that failed this way may be sent again: a `create` only when it was never sent. */
export function isRetryableNetworkError(error: ConnectionFailure, effect: RequestEffect = 'read'): boolean {
	const passing =
		(error.code !== undefined && RETRYABLE_CODES.has(error.code)) ||
		/socket hang up|timeout/i.test(error.message ?? '');
	return passing && (effect !== 'create' || neverSent(error));
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
