import type { INode, NodeApiError } from 'n8n-workflow';

import type { ErrorContext } from './errors';
import { digaApiError } from './errors';

/** Requests that got no usable answer: no connection, no answer in time, or a redirect not followed. */

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EPIPE: 'the connection was closed while sending',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
};

/** A connection failure in words (not codes: NodeApiError replaces any message containing one). */
export function describeNetworkFailure(code: string | undefined): string {
	return NETWORK_FAILURES[code ?? ''] ?? 'the network request failed';
}

/** A request that never got an HTTP answer: connection refused or reset, DNS, or our timeout. */
export function networkError(
	node: INode,
	error: { code?: string; message?: string },
	url: string,
	timeoutMs: number,
	context: ErrorContext = {},
): NodeApiError {
	const host = originOf(url);
	const timedOut = isTimeout(error);
	const message = timedOut
		? `Diga did not answer within the Timeout option (${timeoutMs} ms)`
		: `Could not reach Diga at ${host}: ${describeNetworkFailure(error.code)}`;
	return digaApiError(
		node,
		// No `code` key: NodeApiError would swap our message for its generic one for that code.
		{ message, networkErrorCode: error.code ?? 'UNKNOWN' },
		{
			message,
			description: timedOut
				? 'Raise the Timeout option, or check that the Base URL in the credential is right.'
				: `Check the Base URL in the Diga API credential and your network. Detail: ${error.code ?? ''} ${error.message ?? ''}`.trim(),
			itemIndex: context.itemIndex,
			// No answer at all: Diga, or the way to it, is down right now (a wrong host name is the credential's).
			failure: error.code === 'ENOTFOUND' ? { cause: 'configuration-invalid' } : { cause: 'temporarily-unavailable' },
		},
	);
}

export function isTimeout(error: { code?: string; message?: string }): boolean {
	return (
		error.code === 'ECONNABORTED' ||
		error.code === 'ETIMEDOUT' ||
		/timeout/i.test(error.message ?? '')
	);
}

/** Scheme, host and port of a URL only: no user info, path or query (they may carry secrets). */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'the Base URL';
	}
}

/**
 * A 3xx answer. Redirects are never followed: n8n's helpers would resend the API key to
 * whatever host the Location names. The target is shown without user info or query.
 */
export function redirectError(node: INode, status: number, location: unknown, context: ErrorContext = {}): NodeApiError {
	const raw = Array.isArray(location) ? location[0] : location;
	let target = 'no Location header';
	if (typeof raw === 'string' && raw !== '') {
		try {
			const url = new URL(raw, 'http://relative.invalid');
			target = url.origin === 'http://relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`;
		} catch {
			target = 'an unreadable Location';
		}
	}
	const message = `Diga answered with a redirect (HTTP ${status}) to ${target}, which is not followed`;
	return digaApiError(node, { message, httpCode: String(status) }, {
		message,
		description:
			'The API key is only sent to the Base URL itself. Set the Base URL in the Diga API credential to the address Diga is served from.',
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}
