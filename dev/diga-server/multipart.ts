import type { MultipartUpload } from './routes/knowledge';

const count = (text: string, part: string) => text.split(part).length - 1;

/**
 * A header's parameters as Python's multipart parser reads them (python-multipart's
 * `parse_options_header`, which Starlette and so FastAPI use): split at `;` outside quotes, names
 * lower-cased, `name*` parameters ignored (RFC 7578 forbids them), a quoted value unescaped by
 * `\\` → `\` then `\"` → `"`; `%22` and the like are kept as they are.
 */
export function headerParameters(value: string): Record<string, string> {
	const parameters: Record<string, string> = {};
	const segments: string[] = [];
	let start = value.indexOf(';');
	while (start >= 0) {
		let end = value.indexOf(';', start + 1);
		// A `;` inside an open quote (an odd count of unescaped quotes so far) does not end the segment.
		while (end >= 0 && (count(value.slice(start, end), '"') - count(value.slice(start, end), '\\"')) % 2 === 1) end = value.indexOf(';', end + 1);
		segments.push(value.slice(start + 1, end < 0 ? undefined : end).trim());
		start = end;
	}
	for (const segment of segments) {
		const equals = segment.indexOf('=');
		if (equals < 0) continue;
		const key = segment.slice(0, equals).trim().toLowerCase();
		let text = segment.slice(equals + 1).trim();
		if (key.includes('*')) continue;
		if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).split('\\\\').join('\\').split('\\"').join('"');
		parameters[key] = text;
	}
	return parameters;
}

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
		const disposition = /^content-disposition:\s*([^\r\n]*)/im.exec(headers)?.[1] ?? '';
		const { name, filename } = headerParameters(disposition);
		if (name === undefined) continue;
		if (filename === undefined) upload.fields[name] = data.toString('utf8');
		else upload.files[name] = { filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream', data: Buffer.from(data) };
	}
	return upload;
}
