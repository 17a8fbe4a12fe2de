/**
 * Knowledge Item → Add File with n8n's binary data on disk (filesystem mode, as n8n runs by default
 * from 2.x and as most self-hosted 1.x setups do): the files are read when their upload starts.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { BinaryDataService } from 'n8n-core';

import { storeBinaryDataOnDisk } from '../../../dev/engine/binaryData';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();
let binaryData: BinaryDataService;
beforeAll(async () => {
	binaryData = await storeBinaryDataOnDisk();
});
afterEach(() => jest.restoreAllMocks());

const file = (index: number, size = 256 * 1024) => Buffer.alloc(size, `file ${index} `);
const stored = (index: number) => ({ $stored: { data: { data: file(index).toString('base64'), mimeType: 'application/pdf', fileName: `manual-${index}.pdf` } } });
const addFile = (options: IDataObject = {}) => ({ resource: 'knowledgeItem', operation: 'addFile', binaryPropertyName: 'data', options }) as INodeParameters;
type Upload = { multipart: { fields: Record<string, string>; files: Record<string, { filename: string; data: Buffer }> } };
const uploads = () => server.requestsTo('POST', '/v1/knowledge/item/file').map((r) => (r.body as Upload).multipart);
const answered = () => server.requestsTo('POST', '/v1/knowledge/item/file').filter((r) => r.status !== undefined).length;

/** Every read of a stored file, as the number of uploads Diga had answered when it started. */
function watchReads(): number[] {
	const reads: number[] = [];
	const original = { stream: binaryData.getAsStream.bind(binaryData), buffer: binaryData.getAsBuffer.bind(binaryData) };
	jest.spyOn(binaryData, 'getAsStream').mockImplementation(async (...args) => (reads.push(answered()), await original.stream(...args)));
	jest.spyOn(binaryData, 'getAsBuffer').mockImplementation(async (...args) => (reads.push(answered()), await original.buffer(...args)));
	return reads;
}

describe('Knowledge Item → Add File, binary data on disk', () => {
	test('each file is read only when its upload starts: with Max Concurrency 1, file n after upload n − 1 was answered', async () => {
		const reads = watchReads();
		const result = await run(server, { items: [stored(0), stored(1), stored(2)], parameters: addFile({ maxConcurrency: 1 }) });
		expect(result.error).toBeUndefined();
		expect(reads).toEqual([0, 1, 2]);
		expect(uploads().map((form) => form.files.file.filename)).toEqual(['manual-0.pdf', 'manual-1.pdf', 'manual-2.pdf']);
	});

	test('the check before the first upload reads no file: an item without the binary property fails the run, nothing read, nothing sent', async () => {
		const reads = watchReads();
		const result = await run(server, { items: [stored(0), stored(1), {}], parameters: addFile() });
		expect(result.error).toMatchObject({ message: 'Input Binary Field: the input item has no binary property "data"' });
		expect(reads).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});

	test('the streamed form carries the whole file, its name and Content-Length; the output is Diga’s item', async () => {
		const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
		const result = await run(server, {
			items: [{ $stored: { data: { data: big.toString('base64'), mimeType: 'application/pdf', fileName: 'big.pdf' } } }],
			parameters: addFile(),
		});
		expect(result.error).toBeUndefined();
		const [request] = server.requestsTo('POST', '/v1/knowledge/item/file');
		expect(request.headers['transfer-encoding']).toBeUndefined();
		expect(Number(request.headers['content-length'])).toBeGreaterThan(big.length);
		const [form] = uploads();
		expect(form.fields).toEqual({ name: 'big.pdf', category: 'file' });
		expect(form.files.file.data.equals(big)).toBe(true);
		expect(result.items).toEqual([{ json: expect.objectContaining({ name: 'big.pdf', category: 'file', size_bytes: big.length }), pairedItem: { item: 0 } }]);
	});

	test('a 429 on the upload: the file is opened again and sent whole the second time', async () => {
		const reads = watchReads();
		server.fault({ method: 'POST', status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too many requests' } });
		const result = await run(server, { items: [stored(5)], parameters: addFile() });
		expect(result.error).toBeUndefined();
		expect(reads).toHaveLength(2);
		expect(uploads().map((form) => form.files.file.data.equals(file(5)))).toEqual([true, true]);
		expect(server.state.knowledgeItems.filter((item) => item.name === 'manual-5.pdf')).toHaveLength(1);
	});

	test('a 502 after Diga acted: not sent again, the outcome is unknown and the error says how to check', async () => {
		server.fault({ method: 'POST', status: 502, afterActing: true });
		const result = await run(server, { items: [stored(6)], parameters: addFile() });
		expect(result.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have added the file "manual-6.pdf"/) });
		expect(server.requestsTo('POST')).toHaveLength(1);
	});

	test('a stored file that is gone: the item fails naming the field, nothing sent', async () => {
		const result = await run(server, {
			items: [{ $binary: { data: { id: 'filesystem-v2:workflows/x/executions/y/binary_data/missing', data: 'filesystem-v2', mimeType: 'application/pdf', fileName: 'gone.pdf' } } }],
			parameters: addFile(),
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: expect.stringContaining('Input Binary Field') });
		expect(server.requests).toHaveLength(0);
	});
});
