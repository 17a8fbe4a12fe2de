/** A request body sent as is, with its own Content-Type (a multipart form). */
export interface RawBody {
	data: Buffer;
	contentType: string;
}

export interface FilePart {
	filename: string;
	mimeType: string;
	data: Buffer;
}

/** Quotes in a header parameter would end it early; line breaks would start a new header. */
const headerValue = (text: string) => text.replace(/["\r\n]/g, '_');

/**
 * A `multipart/form-data` body (RFC 7578) built here rather than with a FormData object, so it is
 * the same bytes whichever HTTP stack the n8n version has, and can be sent again after a 429.
 */
export function multipartForm(fields: Record<string, string>, files: Record<string, FilePart>): RawBody {
	const boundary = `----DigaN8nForm${Math.random().toString(16).slice(2)}${Math.random().toString(16).slice(2)}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
	}
	for (const [name, file] of Object.entries(files)) {
		const head = `--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(name)}"; filename="${headerValue(file.filename)}"\r\nContent-Type: ${headerValue(file.mimeType)}\r\n\r\n`;
		parts.push(Buffer.from(head, 'utf8'), file.data, Buffer.from('\r\n', 'utf8'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { data: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
