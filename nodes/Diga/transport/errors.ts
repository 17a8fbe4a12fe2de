import type { Failure, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DigaField } from '../vocabulary/fields';
import { withoutSecretKeys } from './redact';

type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

/**
 * A NodeApiError that keeps our message. NodeApiError replaces any message containing a Node.js
 * error code (EEXIST, ENOENT, EACCES…, in any case) with its own generic text, which would turn
 * Diga's "preexisting" into "The file or directory already exists": the message is put back.
 */
export function digaApiError(node: INode, response: JsonObject, options: NodeApiErrorOptions & { message: string }): NodeApiError {
	const error = new NodeApiError(node, response, options);
	if (error.message !== options.message) {
		error.message = options.message;
		error.messages = error.messages.filter((text) => text !== options.message);
	}
	return error;
}


/** What to say when Diga answers 404, by Diga's `error_code`; `default` for any other code. */
export type NotFoundMessages = { default: string } & Partial<Record<string, string>>;

/** What an operation knows that the HTTP layer does not, so errors speak the user's language. */
export interface ErrorContext {
	notFound?: NotFoundMessages;
	/** The operation's fields, so a 422 names the field the user filled in. */
	fields?: readonly DigaField[];
	itemIndex?: number;
	/** The operation's own headline for a status, where it knows what Diga means by it. */
	byStatus?: Partial<Record<number, string>>;
	/** The same by Diga's `error_code`, where one status means several things (a 401 for the MCP server's key, not Diga's). */
	byErrorCode?: Partial<Record<string, string>>;
}

/** Diga's own error body, or FastAPI's validation body, or anything else a proxy sent. */
interface DigaErrorBody {
	status?: unknown;
	error_code?: unknown;
	message?: unknown;
	detail?: unknown;
}

function describeLocation(loc: unknown, fields: readonly DigaField[]): string {
	if (!Array.isArray(loc)) return 'request';
	const name = [...loc].reverse().find((part) => typeof part === 'string' && !['body', 'query', 'path'].includes(part));
	if (typeof name !== 'string') return 'request';
	const field = fields.find((candidate) => candidate.api === name);
	return field ? `${field.label} (${name})` : name;
}

/** FastAPI's `{detail: [{loc, msg}]}` as "Field (api_name): why" lines; `undefined` if not that shape. */
export function validationProblems(body: DigaErrorBody, fields: readonly DigaField[] = []): string[] | undefined {
	if (typeof body.detail === 'string') return [body.detail];
	if (!Array.isArray(body.detail)) return undefined;
	return body.detail.map((entry: { loc?: unknown; msg?: unknown }) =>
		`${describeLocation(entry?.loc, fields)}: ${typeof entry?.msg === 'string' ? entry.msg : 'is invalid'}`,
	);
}

function digaMessage(body: DigaErrorBody): string | undefined {
	return typeof body.message === 'string' && body.message.trim() !== '' ? body.message : undefined;
}

function headline(status: number, body: DigaErrorBody, context: ErrorContext): string {
	const said = digaMessage(body);
	const known = (typeof body.error_code === 'string' ? context.byErrorCode?.[body.error_code] : undefined) ?? context.byStatus?.[status];
	if (known) return known;
	switch (status) {
		case 400:
			return `Diga rejected the request: ${said ?? 'bad request'}`;
		case 401:
			return 'Diga did not accept the API key. Check the API key in the Diga API credential.';
		case 403:
			return 'The Diga API key lacks permission for this action. Give the key the needed permissions in Diga, or use another key.';
		case 404: {
			// Diga's own 404s carry an error code; a 404 without one comes from a route that does not exist.
			if (typeof body.error_code !== 'string') {
				return 'Diga has no such address (HTTP 404). Check the Base URL in the Diga API credential.';
			}
			const message = context.notFound?.[body.error_code] ?? context.notFound?.default;
			return message ?? `Not found in your Diga account${said ? `: ${said}` : ''}`;
		}
		case 409:
			return `Diga reported a conflict: ${said ?? 'the resource changed or is in use'}`;
		case 422: {
			const problems = validationProblems(body, context.fields);
			if (problems) return `Diga rejected these fields: ${problems.join('; ')}`;
			return `Diga rejected the request: ${said ?? 'unprocessable request'}`;
		}
		case 429:
			return 'Diga is rate-limiting this API key (HTTP 429). Lower Max Concurrency or try again later.';
		default:
			if (status >= 500) return `Diga had a server error (HTTP ${status}). Try again later.`;
			return `Diga answered with HTTP ${status}${said ? `: ${said}` : ''}`;
	}
}

/** Whether `body` is an error the operation names in `byErrorCode`: Diga's own answer, whatever its status. */
export function knownDigaError(body: unknown, context: ErrorContext): boolean {
	const code = body && typeof body === 'object' ? (body as DigaErrorBody).error_code : undefined;
	return typeof code === 'string' && context.byErrorCode?.[code] !== undefined;
}

/** Diga's own words, kept verbatim for whoever debugs: message, error code, and any validation detail. */
export function diagnosis(status: number, body: unknown, fields: readonly DigaField[] = []): string {
	if (body === undefined || body === null || body === '') return `HTTP ${status} with an empty body`;
	if (typeof body !== 'object') {
		const text = String(body).replace(/\s+/g, ' ').trim();
		return `HTTP ${status}, body not JSON: ${text.slice(0, 300)}`;
	}
	const parsed = body as DigaErrorBody;
	const parts: string[] = [];
	if (digaMessage(parsed)) parts.push(`Diga says: ${String(parsed.message)}`);
	if (typeof parsed.error_code === 'string') parts.push(`error code: ${parsed.error_code}`);
	const problems = validationProblems(parsed, fields);
	if (problems) parts.push(`validation: ${problems.join('; ')}`);
	// Quoted as is only without secret keys and header values (a client may keep those in answers: keepHeaderValues).
	if (parts.length === 0) parts.push(JSON.stringify(withoutSecretKeys(body)).slice(0, 300));
	return `${parts.join(' | ')} (HTTP ${status})`;
}

/**
 * Why a request failed, as n8n 2.x reads it from `NodeApiError.failure` (a dead key, a busy Diga,
 * something that no longer exists), so its retries and error workflows can tell them apart.
 * n8n 1.x ignores the option. `undefined` where the status says nothing about the cause.
 */
export function failureOfStatus(status: number, retryAfterMs?: number): Failure | undefined {
	const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
	if (status === 401) return { cause: 'credential-invalid' };
	if (status === 403 || status === 404) return { cause: 'configuration-invalid' };
	if (status === 429) return { cause: 'rate-limited', ...wait };
	if (status === 502 || status === 503 || status === 504) return { cause: 'temporarily-unavailable', ...wait };
	return undefined;
}

/**
 * Builds the error for a non-2xx answer from the answer alone: never from the request,
 * so the Authorization header cannot reach the error, the UI or the logs.
 * `retryAfterMs`: Diga's Retry-After, for the error's declared failure.
 */
export function apiError(node: INode, status: number, body: unknown, context: ErrorContext = {}, retryAfterMs?: number): NodeApiError {
	const parsed: DigaErrorBody = body && typeof body === 'object' ? (body as DigaErrorBody) : {};
	const response: JsonObject = {
		httpCode: String(status),
		...(typeof parsed.error_code === 'string' ? { error_code: parsed.error_code } : {}),
		...(digaMessage(parsed) ? { message: String(parsed.message) } : {}),
	};
	return digaApiError(node, response, {
		message: headline(status, parsed, context),
		description: diagnosis(status, body, context.fields),
		httpCode: String(status),
		itemIndex: context.itemIndex,
		failure: failureOfStatus(status, retryAfterMs),
	});
}

/** A 2xx answer whose body is not what the spec promises (a proxy page, an empty body, another shape). */
export function unexpectedBodyError(
	node: INode,
	expected: string,
	body: unknown,
	itemIndex?: number,
	status = 200,
	detail?: string,
): NodeApiError {
	const message = `Diga answered, but not with ${expected}`;
	const description = detail ? `${detail} ${diagnosis(status, body)}` : diagnosis(status, body);
	return digaApiError(node, { message }, { message, description, itemIndex });
}

/** A list that would not end, or would end with wrong data: what Diga did, on which endpoint. */
export function paginationError(node: INode, path: string, what: string, context: ErrorContext = {}): NodeApiError {
	const message = `Diga's list ${path} did not page correctly: ${what}`;
	return digaApiError(node, { message }, {
		message,
		description:
			'The node stopped reading this list instead of looping or returning part of it. Try again later; if it persists, report it to Diga.',
		itemIndex: context.itemIndex,
	});
}

/** The credential cannot be used as it is: said before any request is sent. */
export function credentialError(node: INode, message: string): NodeApiError {
	return digaApiError(node, { message }, { message, description: 'Edit the Diga API credential.', failure: { cause: 'credential-invalid' } });
}
