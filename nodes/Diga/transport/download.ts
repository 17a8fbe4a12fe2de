import type { IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { withDeadline } from './cancel';
import { originOf } from './connectionErrors';
import { digaApiError } from './errors';

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
	/** Sends one GET; `authenticated` only for Diga's own origin (the client decides how). */
	send: (options: IHttpRequestOptions, authenticated: boolean) => Promise<IN8nHttpFullResponse>;
}

/** Enough for any CDN's hops (signed URL → bucket); a longer chain is a loop. */
const MAX_REDIRECTS = 5;
const GENERIC_TYPES = ['application/octet-stream', 'binary/octet-stream'];

type Fail = (message: string, description: string) => Error;

interface ByteStream extends AsyncIterable<unknown> {
	destroy?: () => void;
}

function isStream(body: unknown): body is ByteStream {
	return !!body && typeof body === 'object' && Symbol.asyncIterator in body;
}

/** The body as bytes, stopping (and closing the connection) as soon as it passes `maxBytes`. */
async function readBody(body: unknown, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
	if (!isStream(body)) {
		const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '');
		if (data.length > maxBytes) throw tooLarge();
		return data;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			size += bytes.length;
			if (size > maxBytes) throw tooLarge();
			chunks.push(bytes);
		}
	} finally {
		body.destroy?.();
	}
	return Buffer.concat(chunks);
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function fileNameOf(response: IN8nHttpFullResponse, url: URL): string | undefined {
	const disposition = header(response, 'content-disposition');
	const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	if (quoted) return decodeURIComponent(quoted).split(/[\\/]/).pop();
	const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	return /\.[a-z0-9]{2,5}$/i.test(last) ? last : undefined;
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
	const fail: Fail = (message, description) => digaApiError(node, { message }, { message, description, itemIndex: request.itemIndex });
	const megabytes = (request.maxBytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 3 });
	let url = httpUrl(request.url, undefined, fail);
	let trusted = url.origin === request.digaOrigin;

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
			url = httpUrl(location, url, fail);
			trusted = trusted && url.origin === request.digaOrigin;
			continue;
		}
		if (status < 200 || status >= 300) {
			const said = (await readBody(response.body, 2048, () => fail('', '')).catch(() => Buffer.alloc(0))).toString('utf8');
			throw fail(
				`The recording host ${host} answered HTTP ${status}`,
				`Diga gave the recording's URL, but downloading it failed${said.trim() ? `: ${said.trim().slice(0, 300)}` : '.'} Signed links expire: read the recording again to get a fresh one.`,
			);
		}
		const announced = Number(header(response, 'content-length'));
		if (Number.isFinite(announced) && announced > request.maxBytes) {
			(response.body as ByteStream | undefined)?.destroy?.();
			throw tooLarge();
		}
		const reading = readBody(response.body, request.maxBytes, tooLarge);
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
			throw fail(`Downloading the recording from ${host} took longer than the Timeout option (${request.timeoutMs} ms)`, 'Raise the Timeout option for large recordings.');
		}
		return { data, mimeType: mimeTypeOf(response), fileName: fileNameOf(response, url) };
	}
	throw fail(`The recording URL redirected more than ${MAX_REDIRECTS} times`, 'Nothing was downloaded.');
}
