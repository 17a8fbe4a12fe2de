import type { IExecuteFunctions } from 'n8n-workflow';

/** A Node.js readable stream, as n8n's binary helpers hand one out (the node may import no `stream` module). */
export type ByteStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/**
 * A request body sent as is with its own Content-Type (a multipart form). `open` gives the bytes
 * for one attempt: a stream is used up by the attempt, so every attempt opens the body anew.
 */
export interface RawBody {
	contentType: string;
	/** The exact length in bytes (Content-Length); unknown: sent in chunks. */
	length?: number;
	open: () => Promise<Buffer | ByteStream>;
}

/** A file part: its size is known (where n8n keeps it) before its bytes are read, which happens only in `open`. */
export interface FilePart {
	filename: string;
	mimeType: string;
	size?: number;
	open: () => Promise<Buffer | ByteStream>;
}

/**
 * A header parameter's value inside quotes, escaped the way Python's multipart parser (Starlette,
 * hence FastAPI) reads it back: `\` and `"` behind a backslash. It ignores `filename*` (RFC 7578
 * forbids it) and does not decode `%22`. A line break cannot travel in a header: written as a
 * browser writes it (`%0D`, `%0A`), which such a parser keeps as those characters.
 */
export const quotedParameter = (text: string) =>
	`"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/** Node's `Readable.from`, inherited by every Node stream class (fs.ReadStream, …): reached through the stream n8n gave. */
function readableFrom(stream: ByteStream): (source: AsyncIterable<Buffer>, options: { objectMode: false }) => ByteStream {
	const from = (stream.constructor as unknown as { from?: unknown }).from;
	if (typeof from !== 'function') throw new Error('n8n handed over a file stream that is not a Node.js stream');
	return from as (source: AsyncIterable<Buffer>, options: { objectMode: false }) => ByteStream;
}

/** The file's bytes between `head` and `tail`; a file whose size is not the one announced breaks the request off. */
async function* framed(head: Buffer, file: ByteStream, size: number | undefined, tail: Buffer): AsyncGenerator<Buffer> {
	yield head;
	let read = 0;
	try {
		for await (const chunk of file as AsyncIterable<Buffer | string>) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			read += bytes.length;
			if (size !== undefined && read > size) break;
			yield bytes;
		}
	} finally {
		file.destroy();
	}
	if (size !== undefined && read !== size) throw new Error(`the file changed while it was sent: ${size} bytes announced, ${read > size ? 'more' : read} read`);
	yield tail;
}

/**
 * A `multipart/form-data` body (RFC 7578) built here rather than with a FormData object, so it is
 * the same bytes whichever HTTP stack the n8n version has. One file part, streamed when its bytes
 * come as a stream (n8n's filesystem or S3 binary data): only a stream's buffer is in memory.
 */
export function multipartForm(fields: Record<string, string>, fileField: string, file: FilePart): RawBody {
	const boundary = `----DigaN8nForm${Math.random().toString(16).slice(2)}${Math.random().toString(16).slice(2)}`;
	const texts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name=${quotedParameter(name)}\r\n\r\n${value}\r\n`);
	const head = Buffer.from(
		`${texts.join('')}--${boundary}\r\nContent-Disposition: form-data; name=${quotedParameter(fileField)}; filename=${quotedParameter(file.filename)}\r\n` +
			`Content-Type: ${file.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		length: file.size === undefined ? undefined : head.length + file.size + tail.length,
		open: async () => {
			const bytes = await file.open();
			if (!Buffer.isBuffer(bytes)) return readableFrom(bytes)(framed(head, bytes, file.size, tail), { objectMode: false });
			if (file.size !== undefined && bytes.length !== file.size) throw new Error(`the file has ${bytes.length} bytes, not the ${file.size} announced`);
			return Buffer.concat([head, bytes, tail]);
		},
	};
}
