import type { IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { DEADLINE_PASSED, withDeadline } from './cancel';
import { originOf } from './connectionErrors';
import { digaApiError } from './errors';
import type { ByteStream } from './downloadBody';
import { NOT_AUDIO, notAudio, QUOTE_CHARS, QUOTE_READ_BYTES, readBody, readFailure, readStart, shortQuote } from './downloadBody';
import type { Redactor } from './redact';

/** A file Diga links to (a call recording), read whole into memory. */
export interface DownloadedFile {
	data: Buffer;
	/** The Content-Type the host sent, without parameters; `undefined` when it sent none or a generic one. */
	mimeType?: string;
	/** From Content-Disposition, else the last segment of the URL's path when it names a file. */
	fileName?: string;
}

export interface DownloadRequest {
	url: string;
	/** The origin of the credential's Base URL: the only one that ever gets the API key. */
	digaOrigin: string;
	maxBytes: number;
	timeoutMs: number;
	itemIndex?: number;
	abortSignal?: AbortSignal;
	/** The client's secret filter: every text that comes back (error body, file name, type) passes it. */
	redact: Redactor;
	/** Sends one GET; `authenticated` only for Diga's own origin (the client decides how). */
	send: (options: IHttpRequestOptions, authenticated: boolean) => Promise<IN8nHttpFullResponse>;
}

/** Enough for any CDN's hops (signed URL → bucket); a longer chain is a loop. */
const MAX_REDIRECTS = 5;
const GENERIC_TYPES = ['application/octet-stream', 'binary/octet-stream'];

type Fail = (message: string, description: string) => Error;


function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** `%XX` runs decoded where they are UTF-8; a bad escape (`%ZZ`, `%E9` alone) is kept as written. */
function decodeLeniently(text: string): string {
	return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return run;
		}
	});
}

/** The last part of a path, without control characters; `undefined` when nothing is left. */
function plainName(name: string): string | undefined {
	const last = [...(name.split(/[\\/]/).pop() ?? '')].filter((char) => char >= ' ' && char !== '\u007f').join('').trim();
	return last ? last : undefined;
}

function fileNameOf(response: IN8nHttpFullResponse, url: URL): string | undefined {
	const disposition = header(response, 'content-disposition');
	const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	if (quoted) return plainName(decodeLeniently(quoted));
	const last = decodeLeniently(url.pathname.split('/').pop() ?? '');
	return /\.[a-z0-9]{2,5}$/i.test(last) ? plainName(last) : undefined;
}

function mimeTypeOf(response: IN8nHttpFullResponse): string | undefined {
	const type = header(response, 'content-type')?.split(';')[0].trim().toLowerCase();
	return type && !GENERIC_TYPES.includes(type) ? type : undefined;
}


function httpUrl(raw: string, base: URL | undefined, fail: Fail): URL {
	let url: URL;
	try {
		url = new URL(raw, base);
	} catch {
		throw fail('The recording URL Diga gave is not a URL', `It is ${JSON.stringify(raw.slice(0, 200))}.`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(`The recording URL Diga gave is not a web address (${url.protocol})`, 'Only http and https addresses are downloaded.');
	}
	return url;
}

/**
 * Downloads `url`. Redirects are followed here, hop by hop, never by n8n's helper: the API key goes
 * only to Diga's own origin, and once a hop has left it, no later hop gets the key again (a host
 * that is not Diga cannot send the key anywhere by redirecting back).
 */
export async function downloadFile(node: INode, request: DownloadRequest): Promise<DownloadedFile> {
	const { redact } = request;
	// One exit for every text that came back: the host's words, a Location, a connection error.
	const fail: Fail = (raw, rawDescription) => {
		const message = redact.text(raw);
		return digaApiError(node, { message }, { message, description: redact.text(rawDescription), itemIndex: request.itemIndex });
	};
	const quote = async (body: unknown) => {
		const { text, whole } = await readStart(body, request.timeoutMs);
		return shortQuote(redact.excerpt(text, QUOTE_CHARS * 4, whole));
	};
	const megabytes = (request.maxBytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 3 });
	let url = httpUrl(request.url, undefined, fail);
	let trusted = url.origin === request.digaOrigin;

	const notARecording = (what: string, status: number, said: string) =>
		fail(
			`The recording URL gave ${what} (HTTP ${status}), not a recording`,
			`Nothing was stored. A login page or an error sent as a page means the link is not a direct download${said ? `. It said: ${said}` : ''}`,
		);

	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const host = originOf(url.href);
		const tooLarge = () =>
			fail(`The recording is larger than Max Size (${megabytes} MB, ${request.maxBytes} bytes)`, `The download from ${host} was stopped. Raise Max Size (MB) to download it.`);
		let response: IN8nHttpFullResponse;
		try {
			response = await withDeadline(
				request.send(
					{
						method: 'GET',
						url: url.href,
						encoding: 'stream',
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						disableFollowRedirect: true,
						timeout: request.timeoutMs,
						abortSignal: request.abortSignal,
					},
					trusted,
				),
				request.timeoutMs,
			);
		} catch (error) {
			const { code, message } = error as { code?: string; message?: string };
			throw fail(`Could not download the recording from ${host}`, `${code ?? ''} ${message ?? ''}`.trim());
		}

		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			(response.body as ByteStream | undefined)?.destroy?.();
			const location = header(response, 'location');
			if (!location) throw fail(`The recording host ${host} answered with a redirect (HTTP ${status}) without a Location`, 'Nothing was downloaded.');
			const next = httpUrl(location, url, fail);
			if (next.origin !== request.digaOrigin && redact.text(next.href) !== next.href) {
				// The key (or a password) in the address of another host would hand it over.
				throw fail(`The recording host ${host} redirected to ${next.origin} with a secret in the address`, 'The redirect was not followed. Report it to Diga.');
			}
			url = next;
			trusted = trusted && url.origin === request.digaOrigin;
			continue;
		}
		if (status < 200 || status >= 300) {
			const said = await quote(response.body);
			throw fail(
				`The recording host ${host} answered HTTP ${status}`,
				`Diga gave the recording's URL, but downloading it failed${said ? `: ${said}` : '.'} Signed links expire: read the recording again to get a fresh one.`,
			);
		}
		const declared = mimeTypeOf(response);
		if (declared && NOT_AUDIO.test(declared)) throw notARecording(declared, status, await quote(response.body));
		const announced = Number(header(response, 'content-length'));
		if (Number.isFinite(announced) && announced > request.maxBytes) {
			(response.body as ByteStream | undefined)?.destroy?.();
			throw tooLarge();
		}
		const chunks: Buffer[] = [];
		const reading = readBody(response.body, request.maxBytes, tooLarge, chunks);
		let data: Buffer | undefined;
		let failure: unknown;
		try {
			data = await withDeadline(reading, request.timeoutMs);
		} catch (error) {
			failure = error;
		}
		if (data === undefined) {
			if (failure instanceof Error && 'node' in failure) throw failure; // too large: already said so
			(response.body as ByteStream | undefined)?.destroy?.();
			if (request.abortSignal?.aborted) throw fail('The execution was cancelled during the download', 'Nothing was stored.');
			const { code, message } = (failure ?? {}) as { code?: string; message?: string };
			if (code === DEADLINE_PASSED.code && message === DEADLINE_PASSED.message) {
				throw fail(`Downloading the recording from ${host} took longer than the Timeout option (${request.timeoutMs} ms)`, 'Raise the Timeout option for large recordings.');
			}
			const received = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
			const why = readFailure(failure, received, announced);
			throw fail(`The recording from ${host} ${why.message}`, why.description);
		}
		const sniffed = notAudio(declared, data);
		if (sniffed) throw notARecording(sniffed, status, shortQuote(redact.excerpt(data.subarray(0, QUOTE_READ_BYTES).toString('utf8'), QUOTE_CHARS * 4, data.length <= QUOTE_READ_BYTES)));
		const fileName = fileNameOf(response, url);
		return { data, mimeType: declared && redact.text(declared), fileName: fileName && redact.text(fileName) };
	}
	throw fail(`The recording URL redirected more than ${MAX_REDIRECTS} times`, 'Nothing was downloaded.');
}
