import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';

import type { RequestLimiter } from './limiter';
import { baseUrlProblem, normalizeBaseUrl } from './baseUrl';
import { cancelledError, cancelSignalOf, RunStoppedError, throwIfCancelled, throwIfStopped, waitUnlessCancelled, withDeadline } from './cancel';
import type { DownloadedFile } from './download';
import { downloadFile } from './download';
import { EventStreamError, withFirstEvent } from './eventStream';
import { isTimeout, networkError, redirectError } from './connectionErrors';
import type { ErrorContext } from './errors';
import { apiError, credentialError, diagnosis, knownDigaError, unexpectedBodyError } from './errors';
import type { LostAnswerAdvice } from './lostAnswer';
import { describeLostAnswer, isOutcomeUnknown, outcomeUnknownError } from './lostAnswer';
import { credentialSecrets, Redactor, secretsOf, withoutSecretKeys } from './redact';
import type { RawBody } from './multipart';
import type { BodyExpectation } from './types';
import type { RequestEffect } from './retry';
import {
	backoffDelay,
	effectOfMethod,
	isLostAnswerStatus,
	isRetryableNetworkError,
	isRetryableStatus,
	neverSent,
	parseRetryAfter,
	readConnectionFailure,
} from './retry';

export { normalizeBaseUrl } from './baseUrl';

export const CREDENTIAL_NAME = 'digaApi';

export type DigaContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
	/** Upper bound on the time all retries of one request may spend waiting. */
	maxRetryWaitMs: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	timeoutMs: 30_000,
	maxRetries: 3,
	maxRetryWaitMs: 60_000,
};

export interface DigaRequest {
	method: IHttpRequestMethods;
	/** Path from the API root, e.g. `/v1/phone/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** A body sent as is with its own Content-Type (a multipart form), instead of `body`. */
	rawBody?: RawBody;
	/** What a 2xx body must be (e.g. "a phone"); checked here so a 204 or a proxy page is named with its status. */
	expect?: BodyExpectation;
	/** What the request does in Diga, which decides when it is sent again; by default from its method (transport/retry.ts). */
	effect?: RequestEffect;
	/** A `create` whose answer is lost: what Diga may have done and how to check, for the error. */
	lostAnswer?: LostAnswerAdvice;
	/**
	 * An idempotent write sent again after a lost answer (502, 504, a broken connection, the
	 * Timeout) whose last answer is an error: finds out whether the first attempt did it (e.g. a
	 * look-up of the record) and returns the request's result, or throws the error to report.
	 * Without it, the error answer is thrown as usual.
	 */
	settleAfterLostAnswer?: (answer: AnswerAfterLostAnswer) => Promise<unknown>;
	/**
	 * A `create` about to be sent again (after a 429 or 503, which some gateways answer after
	 * passing the request on, or a connection that never carried it): a last look in Diga for what
	 * the earlier attempt may have done. A value it resolves to is the answer, and nothing is sent again.
	 */
	beforeResend?: (after: ResentAfter) => Promise<unknown>;
	/**
	 * The answer is a server-sent-events stream that never ends (`/v1/call/concurrency/stream`): its
	 * first event's data is the body, and the stream is closed then, at the Timeout, or on cancel.
	 * No answer within the Timeout is not retried: the whole request keeps to the Timeout.
	 */
	firstEvent?: boolean;
}

/** Why a create is about to be sent again: the status of the answer before (429, 503), none after a connection that never carried it. */
export interface ResentAfter {
	status?: number;
}

/** The error answer to a request sent again after an earlier attempt's answer was lost. */
export interface AnswerAfterLostAnswer {
	/** 0: no answer came back this time either (a broken connection, the Timeout). */
	status: number;
	/** Redacted, as everything an answer brings back. */
	body: unknown;
	/** How the earlier answer was lost, in words (transport/lostAnswer.ts). */
	lost: string;
	/** The error this answer would be on its own. */
	error: Error;
}

/**
 * `settleAfterLostAnswer` for a DELETE: Diga's 404 to the request sent again means the record is gone,
 * by the first attempt or before it; any other error answer stands.
 */
export async function goneAfterLostAnswer(answer: AnswerAfterLostAnswer): Promise<{ goneAfterLostAnswer: true }> {
	if (answer.status === 404) return { goneAfterLostAnswer: true };
	throw answer.error;
}

/** Reading a raw body (a file) for an attempt failed: nothing of the request was sent. */
class BodyNotReadError extends Error {
	constructor(readonly reason: unknown) {
		super('the request body could not be read');
	}
}

/** Drops unset query values so that only what the user chose reaches Diga. */
function compactQuery(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const entries = Object.entries(qs).filter(([, value]) => value !== undefined && value !== null && value !== '');
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The one place that speaks HTTP to Diga: authentication, retries, timeouts, cancelling and error mapping. */
export class DigaClient {
	readonly node: INode;
	/** Fires when the execution is cancelled (n8n's stop button, a workflow timeout); none in pickers. */
	private readonly cancelSignal?: AbortSignal;

	private constructor(
		private readonly context: DigaContext,
		readonly baseUrl: string,
		private readonly settings: RequestSettings,
		private readonly credentials: ICredentialsDecrypted,
		/** Removes the API key and any base-URL password from everything an answer brings back. */
		private redactor: Redactor,
	) {
		this.node = context.getNode();
		this.cancelSignal = cancelSignalOf(context);
	}

	/** Removes the API key, any base-URL password and the secrets added with `redactAlso`. */
	get redact(): Redactor {
		return this.redactor;
	}

	/** Secrets this client's requests carry or their answers bring back (a tool's proof header): redacted from every answer and error too. */
	redactAlso(secrets: readonly string[]): void {
		this.redactor = this.redactor.with(secrets);
	}

	/**
	 * Header values in successful answers are kept (they are redacted by default): the Agent Tool
	 * Trigger compares its own integration's headers, the proof among them shown as redacted
	 * (`redactAlso`), and outputs nothing it reads. Errors still show none.
	 */
	keepHeaderValues = false;

	/** Admits every attempt, retries included, and hears its status (the run's pool, transport/limiter.ts). */
	limiter?: RequestLimiter;

	/** Fires when another item of the run failed without continue-on-fail: no request starts after it. */
	stopSignal?: AbortSignal;

	/**
	 * Reads the credential once. Every request hands it to n8n's authenticated request helper,
	 * which then applies the credential's own `authenticate` without loading and decrypting it
	 * again per request (measured with `npm run bench`, 1000 items: 1.8 s → 1.2 s at 0 ms latency,
	 * 3.8 s → 3.0 s at 20 ms).
	 */
	static async create(
		context: DigaContext,
		settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
	): Promise<DigaClient> {
		const data = await context.getCredentials(CREDENTIAL_NAME);
		const problem = baseUrlProblem(data.baseUrl);
		if (problem) throw credentialError(context.getNode(), problem);
		const details = context.getNode().credentials?.[CREDENTIAL_NAME];
		const credentials: ICredentialsDecrypted = {
			id: details?.id ?? '',
			name: details?.name ?? '',
			type: CREDENTIAL_NAME,
			data,
		};
		const redactor = new Redactor(credentialSecrets(data));
		return new DigaClient(context, normalizeBaseUrl(data.baseUrl), settings, credentials, redactor);
	}

	/**
	 * Sends a request, retrying by its effect (transport/retry.ts): a read or an idempotent write
	 * after any passing failure; a `create` only when Diga surely did not act (429, 503, a connection
	 * that never carried it), else its error says the outcome is unknown. Secrets the request body
	 * carries (`password`) are redacted from everything the answer brings back.
	 */
	async request<T>(request: DigaRequest, errorContext: ErrorContext = {}): Promise<T> {
		const url = `${this.baseUrl}${request.path}`;
		const effect = request.effect ?? effectOfMethod(request.method);
		const redact = this.redact.with(secretsOf(request.body));
		const itemIndex = errorContext.itemIndex;
		let waited = 0;
		/** How an earlier attempt's answer was lost (it may have reached Diga); `undefined` while none was. */
		let lostAnswer: string | undefined;
		/** The status that made the last attempt go again (a 503 may have been passed on to Diga). */
		let resentAfter: number | undefined;
		/** A create was answered 503 at some attempt: a gateway may have passed it on, whatever came after (a 429, a reset). */
		let after503 = false;
		/** Looked at right before every attempt is written, after any wait (a retry's, or inside the limiter). */
		const ready = () => {
			throwIfCancelled(this.node, this.cancelSignal, itemIndex);
			// A create's 503 may have been passed on to Diga by a gateway (as the repeat guard's look-up assumes).
			const mayHaveActed = lostAnswer ?? (after503 ? describeLostAnswer(503, false, this.settings.timeoutMs) : undefined);
			if (mayHaveActed !== undefined && this.stopSignal?.aborted) {
				// Not sent again, but the earlier attempt may have acted: not "made no change".
				throw outcomeUnknownError(this.node, mayHaveActed, request.lostAnswer, {
					itemIndex,
					story: `${lostAnswer !== undefined ? 'The request reached Diga or a gateway in front of it and no answer came back' : 'Diga or a gateway in front of it answered 503, which some gateways send after passing the request on'}; before it was sent again another item failed, so the run stopped.`,
				});
			}
			throwIfStopped(this.node, this.stopSignal, itemIndex);
		};
		/**
		 * The create's last look in Diga (`beforeResend`). When it fails after a 503, which some gateways
		 * answer after passing the request on, the outcome is unknown; after a 429 its own error stands.
		 */
		const lookAgain = async (look: () => Promise<unknown>): Promise<unknown> => {
			const looked = await look().then(
				(found) => ({ found }),
				(failure: unknown) => ({ failure }),
			);
			if (!('failure' in looked)) return looked.found;
			const { failure } = looked;
			if (!after503 || this.cancelSignal?.aborted || isOutcomeUnknown(failure)) throw failure;
			throw outcomeUnknownError(this.node, describeLostAnswer(503, false, this.settings.timeoutMs), request.lostAnswer, {
				itemIndex,
				httpCode: '503',
				story: 'Diga or a gateway in front of it answered 503, which some gateways send after passing the request on; the look-up for what it may have done did not succeed, so it was not sent again.',
				detail: failure instanceof Error ? failure.message : String(failure),
			});
		};
		for (let attempt = 0; ; attempt++) {
			ready();
			if (attempt > 0 && request.beforeResend) {
				const found = await lookAgain(async () => await request.beforeResend!({ status: resentAfter }));
				if (found !== undefined) return found as T;
			}
			let response: IN8nHttpFullResponse;
			try {
				response = this.limiter ? await this.limiter.run(async () => await this.send(request, url), ready) : await this.send(request, url);
			} catch (error) {
				if (this.cancelSignal?.aborted) throw cancelledError(this.node, itemIndex);
				// Refused by `ready` inside the limiter: nothing was sent, and the refusal says so.
				const refusal = error instanceof RunStoppedError || isOutcomeUnknown(error) ? (error as NodeApiError | RunStoppedError) : undefined;
				if (refusal) throw refusal;
				// The body could not be read: nothing was sent, and the reason is the reader's own.
				if (error instanceof BodyNotReadError) throw error.reason;
				if (error instanceof EventStreamError) throw unexpectedBodyError(this.node, 'an event stream with a value', undefined, itemIndex, 200, `The stream ${error.message}.`);
				const failure = readConnectionFailure(error);
				const cause = { ...failure, message: redact.text(failure.message ?? '') };
				const maybeSent = !neverSent(failure);
				const delay = backoffDelay(attempt);
				const retryable = isRetryableNetworkError(failure, effect) && !(request.firstEvent && isTimeout(cause));
				if (retryable && this.mayRetry(attempt, waited, delay)) {
					resentAfter = undefined;
					if (maybeSent) lostAnswer ??= describeLostAnswer(undefined, isTimeout(cause), this.settings.timeoutMs);
					waited += delay;
					await waitUnlessCancelled(this.node, delay, this.cancelSignal, itemIndex, this.stopSignal);
					continue;
				}
				if (effect === 'create' && maybeSent) {
					const how = describeLostAnswer(undefined, isTimeout(cause), this.settings.timeoutMs);
					const detail = `${cause.code ?? ''} ${cause.message}`.trim();
					throw outcomeUnknownError(this.node, how, request.lostAnswer, { itemIndex: errorContext.itemIndex, detail });
				}
				const unreached = networkError(this.node, cause, url, this.settings.timeoutMs, errorContext);
				// Sent again after a lost answer and no answer this time either: the first attempt may still have acted.
				if (lostAnswer !== undefined && request.settleAfterLostAnswer) {
					return (await request.settleAfterLostAnswer({ status: 0, body: undefined, lost: lostAnswer, error: unreached })) as T;
				}
				throw unreached;
			}

			const status = response.statusCode;
			const body = withoutSecretKeys(redact.json(response.body), this.keepHeaderValues && status >= 200 && status < 300);
			if (status >= 200 && status < 300) {
				if (request.expect && !request.expect.is(body)) {
					throw unexpectedBodyError(this.node, request.expect.what, body, errorContext.itemIndex, status);
				}
				return body as T;
			}
			if (status >= 300 && status < 400) {
				throw redirectError(this.node, status, redact.json(response.headers?.location), errorContext);
			}
			const retryAfter = parseRetryAfter(response.headers?.['retry-after']);
			if (effect === 'create' && status === 503) after503 = true;
			// Diga's own answer (an error code the operation knows, e.g. MCP's 502/504 after Diga waited for the MCP server) is final.
			const digaAnswered = knownDigaError(body, errorContext);
			if (isRetryableStatus(status, effect) && !digaAnswered) {
				const delay = retryAfter ?? backoffDelay(attempt);
				if (this.mayRetry(attempt, waited, delay)) {
					if (isLostAnswerStatus(status)) lostAnswer ??= describeLostAnswer(status, false, this.settings.timeoutMs);
					resentAfter = status;
					waited += delay;
					await waitUnlessCancelled(this.node, delay, this.cancelSignal, itemIndex, this.stopSignal);
					continue;
				}
			}
			if (effect === 'create' && status === 503 && request.beforeResend) {
				// Not sent again (no retry left): still, a gateway may have passed it on, so Diga is looked at once more.
				const found = await lookAgain(async () => await request.beforeResend!({ status }));
				if (found !== undefined) return found as T;
			}
			// A 502/504 with Diga's own answer is not a lost one, unless an earlier attempt may have acted (a 503 passed on, a lost answer).
			const earlierMayHaveActed = lostAnswer !== undefined || after503;
			if (effect === 'create' && isLostAnswerStatus(status) && (!digaAnswered || earlierMayHaveActed)) {
				const how = describeLostAnswer(status, false, this.settings.timeoutMs);
				throw outcomeUnknownError(this.node, how, request.lostAnswer, {
					itemIndex: errorContext.itemIndex,
					httpCode: String(status),
					detail: diagnosis(status, body, errorContext.fields),
				});
			}
			const error = apiError(this.node, status, body, errorContext, retryAfter);
			if (lostAnswer !== undefined && request.settleAfterLostAnswer) {
				return (await request.settleAfterLostAnswer({ status, body, lost: lostAnswer, error })) as T;
			}
			throw error;
		}
	}

	/**
	 * One HTTP exchange. Redirects are not followed (n8n's helpers would resend the key to the
	 * Location's host); a 3xx comes back as a response and becomes an error. The helper's own
	 * `timeout` only limits silence on the socket, so the whole exchange also races a deadline.
	 */
	private async send(request: DigaRequest, url: string): Promise<IN8nHttpFullResponse> {
		const { rawBody } = request;
		// A raw body (a file) is read only now, when this attempt starts: opened anew for each attempt.
		const opened = rawBody ? await rawBody.open().catch((error: unknown) => Promise.reject(new BodyNotReadError(error))) : undefined;
		const exchange = this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_NAME,
			{
				method: request.method,
				url,
				qs: compactQuery(request.qs),
				body: opened ?? request.body,
				...(rawBody ? { headers: { 'content-type': rawBody.contentType, ...(rawBody.length === undefined ? {} : { 'content-length': String(rawBody.length) }) } } : {}),
				...(request.firstEvent ? { headers: { accept: 'text/event-stream' }, encoding: 'stream' as const } : { json: true }),
				timeout: this.settings.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
			},
			{ credentialsDecrypted: this.credentials },
		) as Promise<IN8nHttpFullResponse>;
		// The deadline or a cancel closes an event stream; the helper's own timeout only ends silence before the answer.
		const ended = new AbortController();
		try {
			if (!request.firstEvent) return await withDeadline(exchange, this.settings.timeoutMs);
			const stops = [ended.signal, ...(this.cancelSignal ? [this.cancelSignal] : [])];
			return await withDeadline(withFirstEvent(exchange, stops), this.settings.timeoutMs);
		} finally {
			ended.abort();
			// A stream the exchange did not use up (an early answer, the deadline) is closed, not left open.
			if (opened && !Buffer.isBuffer(opened)) opened.destroy();
		}
	}

	/**
	 * A file Diga links to (a recording), at most `maxBytes`. The API key goes only to the origin of
	 * the credential's Base URL; any other host gets a plain request from n8n's unauthenticated helper.
	 * Not retried, and not counted against Diga's rate limit: it is usually another host.
	 */
	async download(url: string, maxBytes: number, errorContext: ErrorContext = {}): Promise<DownloadedFile> {
		throwIfCancelled(this.node, this.cancelSignal, errorContext.itemIndex);
		// A download is a request too: none starts after another item failed (without continue-on-fail).
		throwIfStopped(this.node, this.stopSignal, errorContext.itemIndex);
		return await downloadFile(this.node, {
			url,
			digaOrigin: new URL(this.baseUrl).origin,
			maxBytes,
			timeoutMs: this.settings.timeoutMs,
			itemIndex: errorContext.itemIndex,
			abortSignal: this.cancelSignal,
			redact: this.redact,
			send: async (options, authenticated) =>
				(authenticated
					? await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_NAME, options, { credentialsDecrypted: this.credentials })
					: await this.context.helpers.httpRequest(options)) as IN8nHttpFullResponse,
		});
	}

	private mayRetry(attempt: number, waited: number, delay: number): boolean {
		return attempt < this.settings.maxRetries && waited + delay <= this.settings.maxRetryWaitMs;
	}
}
