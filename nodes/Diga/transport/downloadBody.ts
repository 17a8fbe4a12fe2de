import { withDeadline } from './cancel';

/** Reading a download's body: whole, or its start to quote; and what went wrong when it broke. */

/** How much of an answer that is not a recording is read, and how much of it is quoted. */
export const QUOTE_READ_BYTES = 16 * 1024;
export const QUOTE_CHARS = 300;
/** A web page, JSON or other text (a login page, an API error sent with 200) is never a recording. */
export const NOT_AUDIO = /^(?:text\/|application\/(?:json|xml|xhtml\+xml|javascript)$|application\/[\w.-]+\+(?:json|xml)$)/;

export interface ByteStream extends AsyncIterable<unknown> {
	destroy?: () => void;
}

export function isStream(body: unknown): body is ByteStream {
	return !!body && typeof body === 'object' && Symbol.asyncIterator in body;
}

/**
 * The body as bytes, stopping (and closing the connection) as soon as it passes `maxBytes`.
 * `chunks` receives what arrived, so that a body that broke off can say how much did.
 */
export async function readBody(body: unknown, maxBytes: number, tooLarge: () => Error, chunks: Buffer[] = []): Promise<Buffer> {
	if (!isStream(body)) {
		const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '');
		if (data.length > maxBytes) throw tooLarge();
		return data;
	}
	let size = 0;
	try {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			if (size + bytes.length > maxBytes) {
				chunks.push(bytes.subarray(0, maxBytes - size)); // what fits: the start of an answer to quote
				throw tooLarge();
			}
			size += bytes.length;
			chunks.push(bytes);
		}
	} finally {
		body.destroy?.();
	}
	return Buffer.concat(chunks);
}

/** What a 2xx body is when it is not a recording: by its type, or by its first bytes when it has no type. */
export function notAudio(type: string | undefined, start: Buffer): string | undefined {
	if (type) return NOT_AUDIO.test(type) ? type : undefined;
	const text = start.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
	if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'a web page without a Content-Type';
	if (/^\{\s*"/.test(text)) return 'JSON without a Content-Type';
	return undefined;
}

/** A redacted text on one line, short (spaces are folded only after redaction: a secret may hold several). */
export const shortQuote = (redacted: string) => redacted.replace(/\s+/g, ' ').trim().slice(0, QUOTE_CHARS);

/** Up to `QUOTE_READ_BYTES` of an answer that is not a recording (it may break off: what came is kept). */
export async function readStart(body: unknown, timeoutMs: number): Promise<{ text: string; whole: boolean }> {
	const chunks: Buffer[] = [];
	let whole = false;
	try {
		await withDeadline(readBody(body, QUOTE_READ_BYTES, () => new Error('enough'), chunks), timeoutMs);
		whole = true;
	} catch {
		(body as ByteStream | undefined)?.destroy?.();
	}
	const data = Buffer.concat(chunks);
	// NULs removed: UTF-16 text reads as its ASCII letters, so a secret in it is found.
	return { text: data.toString('utf8').split('\0').join(''), whole };
}

/** Why reading a body failed, in words: it broke off, its compression is corrupt, or something else. */
export function readFailure(error: unknown, received: number, announced: number): { message: string; description: string } {
	const { code = '', message = '' } = (error ?? {}) as { code?: string; message?: string };
	if (/^Z_|BROTLI|^ERR__ERROR_/i.test(code) || /decompress|incorrect header check|invalid (?:block|distance|stored|code)|unexpected end of file/i.test(message)) {
		return {
			message: 'is not readable: its compression (gzip, deflate or br) is corrupt',
			description: `The host sent a compressed body that could not be unpacked (${code} ${message}). Nothing was stored; try again later.`,
		};
	}
	if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || /aborted|socket hang up|premature close/i.test(message)) {
		return Number.isFinite(announced) && received < announced
			? {
					message: `is incomplete: the connection ended after ${received} of ${announced} bytes`,
					description: 'The host closed or reset the connection before the end of the recording (its Content-Length). Nothing was stored; try again.',
				}
			: {
					message: `broke off: the connection was closed or reset after ${received} bytes`,
					description: 'The host ended the connection before the end of the recording. Nothing was stored; try again.',
				};
	}
	return { message: 'could not be read', description: `${code} ${message}`.trim() };
}
