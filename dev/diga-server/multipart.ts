import type { MultipartUpload } from './routes/knowledge';

/**
 * A `multipart/form-data` body (RFC 7578) as the test server reads it: text fields and file parts.
 * `undefined` when the request is not multipart; a part the server cannot read is left out, so the
 * route answers "Field required" for it.
 */
export function parseMultipart(contentType: string | undefined, raw: Buffer): MultipartUpload | undefined {
	const match = /^multipart\/form-data\s*;.*boundary="?([^";]+)"?/i.exec(contentType ?? '');
	if (!match) return undefined;
	const delimiter = Buffer.from(`--${match[1]}`);
	const upload: MultipartUpload = { fields: {}, files: {} };
	let start = raw.indexOf(delimiter);
	while (start >= 0) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next < 0) break;
		// A part: CRLF, headers, CRLF CRLF, data, CRLF, then the next delimiter.
		const part = raw.subarray(start + delimiter.length + 2, next - 2);
		start = next;
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		const headers = part.subarray(0, split).toString('utf8');
		const data = part.subarray(split + 4);
		const name = /name="([^"]*)"/i.exec(headers)?.[1];
		if (name === undefined) continue;
		const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
		if (filename === undefined) upload.fields[name] = data.toString('utf8');
		else upload.files[name] = { filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream', data: Buffer.from(data) };
	}
	return upload;
}
