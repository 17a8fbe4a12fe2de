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
