import { gzipSync } from 'node:zlib';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CALL_IDS } from '../../../dev/diga-server/fixtures';
import { run, TEST_API_KEY, useDigaServer, visibleText } from '../../helpers';

const server = useDigaServer();
/** Another origin: the storage host a recording URL usually names. */
const storage = useDigaServer();

const getRecording = (callId: string, rest: IDataObject = {}) => ({ resource: 'call', operation: 'getRecording', callId, ...rest }) as INodeParameters;
/** Some bytes that are not text, as an MP3 is. */
const AUDIO = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
const MP3 = { 'content-type': 'audio/mpeg' };

function recordingAt(url: string, callId: string = CALL_IDS.inboundDone) {
	server.state.calls.find((call) => call.id === callId)!.recording_url = url;
}

describe('Call → Get Recording: the URL, and the audio as binary data', () => {
	test('a recording on another host: downloaded without the API key, into "data", with file name and MIME type', async () => {
		storage.files.set('/rec/e1.mp3', { body: AUDIO, headers: MP3 });
		recordingAt(`${storage.baseUrl}/rec/e1.mp3?signature=abc`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/recording/${CALL_IDS.inboundDone}`]);
		expect(storage.fileRequests.map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/rec/e1.mp3', { signature: 'abc' }]]);
		expect(storage.fileRequests[0].headers.authorization).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toEqual({ call_id: CALL_IDS.inboundDone, recording_url: `${storage.baseUrl}/rec/e1.mp3?signature=abc` });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ fileName: 'e1.mp3', mimeType: 'audio/mpeg', fileExtension: 'mp3' });
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(AUDIO);
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});

	test('a recording on Diga’s own origin (the Base URL’s): downloaded with the API key', async () => {
		server.files.set('/files/recording.wav', { body: AUDIO, headers: { 'content-type': 'audio/wav' } });
		recordingAt(`${server.baseUrl}/files/recording.wav`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone, { binaryPropertyName: 'audio' }) });

		expect(server.fileRequests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TEST_API_KEY}`]);
		expect(result.items[0].binary?.audio).toMatchObject({ fileName: 'recording.wav', mimeType: 'audio/wav' });
		expect(result.items[0].binary?.data).toBeUndefined();
	});

	test('a redirect from Diga’s origin to another host: the key is not sent on, nor to Diga after leaving it', async () => {
		server.files.set('/files/r1', { status: 302, body: Buffer.alloc(0), headers: { location: `${storage.baseUrl}/signed/r1` } });
		storage.files.set('/signed/r1', { status: 307, body: Buffer.alloc(0), headers: { location: `${server.baseUrl}/files/r1-final.mp3` } });
		server.files.set('/files/r1-final.mp3', { body: AUDIO, headers: { ...MP3, 'content-disposition': 'attachment; filename="call-e1.mp3"' } });
		recordingAt(`${server.baseUrl}/files/r1`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error).toBeUndefined();
		expect(server.fileRequests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/files/r1', `Bearer ${TEST_API_KEY}`],
			['/files/r1-final.mp3', undefined],
		]);
		expect(storage.fileRequests.map((r) => [r.path, r.headers.authorization])).toEqual([['/signed/r1', undefined]]);
		expect(result.items[0].binary?.data).toMatchObject({ fileName: 'call-e1.mp3', mimeType: 'audio/mpeg' });
	});

	test('Download Audio off: only the URL, nothing downloaded', async () => {
		storage.files.set('/rec/e1.mp3', { body: AUDIO, headers: MP3 });
		recordingAt(`${storage.baseUrl}/rec/e1.mp3`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone, { download: false }) });

		expect(result.items).toEqual([{ json: { call_id: CALL_IDS.inboundDone, recording_url: `${storage.baseUrl}/rec/e1.mp3` }, pairedItem: { item: 0 } }]);
		expect(storage.fileRequests).toHaveLength(0);
	});
});

describe('Call → Get Recording: what stops it', () => {
	test('a call without a recording yet: a clear error; continue on fail makes it an error item and the next call still runs', async () => {
		storage.files.set('/rec/e1.mp3', { body: AUDIO, headers: MP3 });
		recordingAt(`${storage.baseUrl}/rec/e1.mp3`);
		const alone = await run(server, { parameters: getRecording(CALL_IDS.inboundLive) });
		expect(alone.error).toMatchObject({ name: 'NodeApiError', message: `Call ${CALL_IDS.inboundLive} has no recording yet` });

		const result = await run(server, {
			items: [{ id: CALL_IDS.inboundLive }, { id: CALL_IDS.inboundDone }],
			nodeSettings: { continueOnFail: true },
			parameters: getRecording('={{ $json.id }}'),
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.call_id, Boolean(item.binary), item.pairedItem])).toEqual([
			[`Call ${CALL_IDS.inboundLive} has no recording yet`, false, { item: 0 }],
			[CALL_IDS.inboundDone, true, { item: 1 }],
		]);
	});

	test('a call not in the account: names the call', async () => {
		const missing = 'e0000000-0099-4000-8000-000000000099';
		const result = await run(server, { parameters: getRecording(missing) });
		expect(result.error?.message).toBe(`Diga could not find call ${missing} in this account`);
	});

	test.each([
		['announced by Content-Length', false],
		['found while reading a chunked stream', true],
	])('a recording larger than Max Size (MB), %s: stops with a clear error', async (_how, chunked) => {
		storage.files.set('/rec/big.mp3', { body: AUDIO, headers: MP3, chunked });
		recordingAt(`${storage.baseUrl}/rec/big.mp3`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone, { recordingOptions: { maxSizeMb: 0.002 } }) });

		expect(result.error).toMatchObject({ message: 'The recording is larger than Max Size (0.002 MB, 2097 bytes)' });
		expect((result.error as { description?: string }).description).toContain('Raise Max Size (MB) to download it.');
	});

	test('the storage host refuses: its status and words, and advice for expired links', async () => {
		storage.files.set('/rec/gone.mp3', { status: 403, body: Buffer.from('Request has expired'), headers: { 'content-type': 'text/plain' } });
		recordingAt(`${storage.baseUrl}/rec/gone.mp3`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error?.message).toBe(`The recording host ${storage.baseUrl} answered HTTP 403`);
		expect((result.error as { description?: string }).description).toMatch(/: Request has expired Signed links expire/);
	});

	test.each([
		[{ binaryPropertyName: ' ' }, 'Put Output File in Field is empty'],
		[{ recordingOptions: { maxSizeMb: 0 } }, 'Max Size (MB) must be a number above 0'],
	])('%j: refused before any request', async (options, message) => {
		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone, options) });
		expect(result.error?.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	test('a recording URL that is not a web address is not fetched', async () => {
		recordingAt('file:///etc/passwd');
		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });
		expect(result.error?.message).toBe('The recording URL Diga gave is not a web address (file:)');
	});
});

/** Everything the error shows: message, description, response, messages, context and stack. */
const errorText = (error: unknown) => {
	const e = error as (Error & { description?: string; errorResponse?: unknown; messages?: unknown; context?: unknown }) | undefined;
	return JSON.stringify(e && [e.message, e.description, e.errorResponse, e.messages, e.context, e.stack]);
};
const description = (error: unknown) => (error as { description?: string } | undefined)?.description ?? '';

describe('Call → Get Recording: what comes back never carries the key (issue 23, point 5)', () => {
	/** A storage front on Diga's origin that refuses, quoting what it was sent, in every spelling a page may use. */
	const quotesTheKey = (status: number, contentType: string) => ({
		status,
		headers: { 'content-type': contentType },
		body: (request: { headers: Record<string, unknown> }) => {
			const sent = String(request.headers.authorization);
			const key = sent.replace('Bearer ', '');
			return Buffer.from(
				`<p>Denied for ${sent}</p> <pre>${JSON.stringify({ auth: sent, nested: JSON.stringify({ key }) })}</pre> ` +
					`<a href="/login?next=%2Ff&token=${encodeURIComponent(key)}">${key.replace(/_/g, '&#95;')}</a> ${[...key].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')}`,
			);
		},
	});

	test('a 401 on Diga’s origin quoting the key (raw, JSON, HTML, URL): the error quotes the page without the key', async () => {
		server.files.set('/storage/e1.mp3', quotesTheKey(401, 'text/html'));
		recordingAt(`${server.baseUrl}/storage/e1.mp3`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(server.fileRequests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(result.error?.message).toBe(`The recording host ${server.baseUrl} answered HTTP 401`);
		expect(description(result.error)).toContain('Denied for Bearer [redacted]');
		expect(errorText(result.error)).not.toMatch(/5f8d0a6e1c3b|5f8d0a6e1c3b|&#x35;&#x66;/i);
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});

	test('two items, continue on fail: both error items quote the page without the key', async () => {
		server.files.set('/storage/e1.mp3', quotesTheKey(403, 'application/json'));
		recordingAt(`${server.baseUrl}/storage/e1.mp3`);

		const result = await run(server, {
			items: [{}, {}],
			nodeSettings: { continueOnFail: true },
			parameters: getRecording(CALL_IDS.inboundDone),
		});

		expect(result.items.map((item) => item.json.error)).toEqual([`The recording host ${server.baseUrl} answered HTTP 403`, `The recording host ${server.baseUrl} answered HTTP 403`]);
		expect(JSON.stringify(result.items)).not.toMatch(/5f8d0a6e1c3b/i);
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});

	test('a huge error body: read only in part, quoted shortly, without the key', async () => {
		server.files.set('/storage/big', { status: 500, headers: { 'content-type': 'text/plain' }, body: Buffer.from(`key=${TEST_API_KEY} ${'x'.repeat(5_000_000)}`) });
		recordingAt(`${server.baseUrl}/storage/big`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(description(result.error)).toMatch(/: key=\[redacted\] x{100}/);
		expect(description(result.error).length).toBeLessThan(600);
		expect(errorText(result.error)).not.toContain(TEST_API_KEY);
	});

	test('a file name that quotes the key (Content-Disposition): stored under the name without it', async () => {
		server.files.set('/storage/n', { body: AUDIO, headers: { ...MP3, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(TEST_API_KEY)}.mp3` } });
		recordingAt(`${server.baseUrl}/storage/n`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.items[0].binary?.data).toMatchObject({ fileName: '[redacted].mp3', mimeType: 'audio/mpeg' });
		expect(visibleText(result)).not.toContain(TEST_API_KEY);
	});

	test('a redirect from Diga’s origin to another host with the key in the address: not followed, and not shown', async () => {
		server.files.set('/storage/r', { status: 302, body: Buffer.alloc(0), headers: { location: `${storage.baseUrl}/get?k=${TEST_API_KEY}` } });
		recordingAt(`${server.baseUrl}/storage/r`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error?.message).toBe(`The recording host ${server.baseUrl} redirected to ${storage.baseUrl} with a secret in the address`);
		expect(storage.fileRequests).toHaveLength(0);
		expect(errorText(result.error)).not.toContain(TEST_API_KEY);
	});
});

describe('Call → Get Recording: a web page or JSON is not a recording (issue 23, point 5)', () => {
	test.each([
		['a login page (text/html)', { 'content-type': 'text/html; charset=utf-8' }, '<html><title>Sign in</title><body>Please log in</body></html>', 'text/html'],
		['an API error sent with 200 (application/json)', { 'content-type': 'application/json' }, '{"error":"token expired"}', 'application/json'],
		['a page without a Content-Type', {}, '<!DOCTYPE html><html>Sign in</html>', 'a web page without a Content-Type'],
	])('%s: an error that says what came back, nothing stored', async (_case, headers, page, what) => {
		storage.files.set('/rec/login', { body: Buffer.from(page), headers });
		recordingAt(`${storage.baseUrl}/rec/login`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error?.message).toBe(`The recording URL gave ${what} (HTTP 200), not a recording`);
		expect(description(result.error)).toContain(`It said: ${page}`);
		expect(result.items).toHaveLength(0);
	});
});

describe('Call → Get Recording: a download that breaks says how (issue 23, point 7)', () => {
	test.each<[string, Partial<Parameters<typeof storage.files.set>[1]>, string]>([
		['a truncated body (fewer bytes than Content-Length)', { cut: { bytes: 1000, how: 'close' } }, 'is incomplete: the connection ended after 1000 of 3000 bytes'],
		['a connection reset mid-body', { chunked: true, cut: { bytes: 1000, how: 'reset' } }, 'broke off: the connection was closed or reset after 1000 bytes'],
		['a corrupt gzip stream', { body: Buffer.concat([gzipSync(AUDIO).subarray(0, 10), Buffer.from('not deflate data at all')]), headers: { ...MP3, 'content-encoding': 'gzip' } }, 'is not readable: its compression (gzip, deflate or br) is corrupt'],
		['a corrupt br stream', { body: Buffer.from('not brotli data at all'), headers: { ...MP3, 'content-encoding': 'br' } }, 'is not readable: its compression (gzip, deflate or br) is corrupt'],
	])('%s: its own message, not the Timeout', async (_case, file, message) => {
		storage.files.set('/rec/e1.mp3', { body: AUDIO, headers: MP3, ...file });
		recordingAt(`${storage.baseUrl}/rec/e1.mp3`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error?.message).toBe(`The recording from ${storage.baseUrl} ${message}`);
		expect(errorText(result.error)).not.toMatch(/Timeout/);
	});

	test.each([
		['a bad escape in Content-Disposition', '/rec/e1.mp3', { 'content-disposition': "attachment; filename*=UTF-8''call%ZZ%E9-%C3%A9.mp3" }, 'call%ZZ%E9-é.mp3'],
		['a bad escape in the URL’s last segment', '/rec/call%ZZ-%41.mp3', {}, 'call%ZZ-A.mp3'],
	])('%s: the finished download is kept, under the name as written', async (_case, path, headers, fileName) => {
		storage.files.set(path, { body: AUDIO, headers: { ...MP3, ...headers } });
		recordingAt(`${storage.baseUrl}${path}`);

		const result = await run(server, { parameters: getRecording(CALL_IDS.inboundDone) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toMatchObject({ fileName, mimeType: 'audio/mpeg' });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64')).toEqual(AUDIO);
	});
});

describe('Call → Get Recording: after another item failed, no download starts', () => {
	test('2 items, no continue-on-fail: item 0 has no recording, item 1’s recording answer comes after that failure: its audio is not fetched', async () => {
		storage.files.set('/rec/e1.mp3', { body: AUDIO, headers: MP3 });
		recordingAt(`${storage.baseUrl}/rec/e1.mp3`);
		// Item 1's recording record trickles in (about 0.3 s), well after item 0's 404 stopped the run.
		const record = JSON.stringify({ recording_url: `${storage.baseUrl}/rec/e1.mp3` });
		server.fault({ method: 'GET', path: new RegExp(`^/v1/recording/${CALL_IDS.inboundDone}$`), kind: 'trickle', rawBody: record, intervalMs: 4 });

		const result = await run(server, {
			items: [{ id: CALL_IDS.inboundLive }, { id: CALL_IDS.inboundDone }],
			parameters: getRecording('={{ $json.id }}'),
		});

		expect(result.error).toMatchObject({ message: `Call ${CALL_IDS.inboundLive} has no recording yet`, context: { itemIndex: 0 } });
		expect(server.requests.map((r) => r.path).sort()).toEqual([`/v1/recording/${CALL_IDS.inboundDone}`, `/v1/recording/${CALL_IDS.inboundLive}`]);
		expect(storage.fileRequests).toEqual([]);
	});
});
