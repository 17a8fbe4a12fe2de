import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KNOWLEDGE_IDS, OPENING_HOURS_TEXT } from '../../../dev/diga-server/knowledgeFixtures';
import { locator, pkg, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const params = (operation: string, rest: IDataObject = {}) => ({ resource: 'knowledgeItem', operation, ...rest }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());
const PDF = Buffer.from('%PDF-1.4 price list');

describe('Knowledge Item → Add Text', () => {
	test('POST /v1/knowledge/item/text with name, text (as written) and the picked base', async () => {
		const content = 'Prices 2027:\n  basic 10 €\n';
		const result = await run(server, {
			parameters: params('addText', { name: ' Prices ', content, additionalFields: { knowledgeBaseId: locator('list', KNOWLEDGE_IDS.pricesBase) } }),
		});
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/knowledge/item/text', { name: 'Prices', content, knowledge_base_id: KNOWLEDGE_IDS.pricesBase }],
		]);
		expect(result.items[0].json).toMatchObject({ name: 'Prices', category: 'txt', status: 'indexing', content, knowledge_base_id: KNOWLEDGE_IDS.pricesBase });
	});

	test('a text of only spaces and line breaks is refused before any request, naming the field', async () => {
		const result = await run(server, { parameters: params('addText', { name: 'Prices', content: ' \n\t ' }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Text is empty' });
		expect(server.requests).toHaveLength(0);
	});

	test('a bad base id fails before any request, naming the field', async () => {
		const result = await run(server, { parameters: params('addText', { name: 'X', content: 'y', additionalFields: { knowledgeBaseId: locator('id', 'prices') } }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Knowledge Base is not a valid ID: "prices"' });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Knowledge Item → Add URLs', () => {
	test('one request with every page; Diga’s added and failed pages are the output', async () => {
		const result = await run(server, {
			parameters: params('addUrls', { urls: { page: [{ url: 'https://acme.example/faq', name: 'FAQ page' }, { url: 'https://acme.example/terms', name: '' }] } }),
		});
		expect(server.requests.map((r) => r.body)).toEqual([{ items: [{ url: 'https://acme.example/faq', name: 'FAQ page' }, { url: 'https://acme.example/terms' }] }]);
		expect(result.items[0].json).toMatchObject({
			successful_items: [{ name: 'FAQ page', category: 'url', url: 'https://acme.example/faq' }, { name: 'https://acme.example/terms' }],
			failed_items: [],
		});
	});

	test('a page that is not a web address is refused before any request, naming it', async () => {
		const result = await run(server, { parameters: params('addUrls', { urls: { page: [{ url: 'https://acme.example/a' }, { url: 'acme faq' }] } }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Web Pages (page 2): URL is not a web address: "acme faq"' });
		expect(server.requests).toHaveLength(0);
	});
});

describe('Knowledge Item → Add URLs: pages Diga refused (its answer’s failed_items)', () => {
	const pages = { urls: { page: [{ url: 'https://acme.example/faq', name: 'FAQ page' }, { url: 'https://gone.invalid/prices' }] } };

	test('every page refused: the item fails with each URL and Diga’s reason, and says nothing was added', async () => {
		const result = await run(server, { parameters: params('addUrls', { urls: { page: [{ url: 'https://gone.invalid/prices' }] } }) });
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Diga refused 1 of 1 web page: https://gone.invalid/prices (Could not fetch the page)',
			description: 'Diga added none of the pages.',
		});
		expect(result.items).toEqual([]);
	});

	test('some pages refused: the item fails naming them, and names the pages added so they are not added twice', async () => {
		const result = await run(server, { parameters: params('addUrls', pages) });
		const added = server.state.knowledgeItems.find((item) => item.url === 'https://acme.example/faq')!;
		expect(result.error).toMatchObject({
			message: 'Diga refused 1 of 2 web pages: https://gone.invalid/prices (Could not fetch the page)',
			description: `Diga added https://acme.example/faq as item ${added.id}: running this item again adds it a second time (leave it out).`,
		});
	});

	test('a refused page with a Name is named by its URL', async () => {
		const result = await run(server, { parameters: params('addUrls', { urls: { page: [{ url: 'https://gone.invalid/x', name: 'Price list' }] } }) });
		expect(result.error?.message).toBe('Diga refused 1 of 1 web page: https://gone.invalid/x (Could not fetch the page)');
	});

	test('with continue-on-fail: the added pages as usual, then an error item for each refused URL, all paired with the input item', async () => {
		const result = await run(server, { parameters: params('addUrls', pages), nodeSettings: { continueOnFail: true, onError: 'continueRegularOutput' } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ successful_items: [expect.objectContaining({ url: 'https://acme.example/faq' })], failed_items: [{ name: 'https://gone.invalid/prices', error: 'Could not fetch the page' }] }), pairedItem: { item: 0 } },
			{ json: { error: 'Diga refused the web page https://gone.invalid/prices (Could not fetch the page)', description: expect.stringContaining('Diga added https://acme.example/faq as item') }, pairedItem: { item: 0 } },
		]);
	});

	test('with the error output: each refused URL goes to the error output, the added pages to the main one', async () => {
		const result = await run(server, { parameters: params('addUrls', pages), nodeSettings: { onError: 'continueErrorOutput' } });
		const [main, errors] = result.run.data.resultData.runData.Diga[0].data!.main;
		expect(main!.map((item) => Object.keys(item.json))).toEqual([['successful_items', 'failed_items']]);
		expect(errors!.map((item) => item.json.error)).toEqual(['Diga refused the web page https://gone.invalid/prices (Could not fetch the page)']);
	});
});

describe('Knowledge Item → Add File', () => {
	const withFile = (property = 'data') => [{ $binary: { [property]: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'prices.pdf' } } }];

	test('a multipart form with name, category and the file’s bytes; outputs the added item', async () => {
		const result = await run(server, { items: withFile(), parameters: params('addFile', { binaryPropertyName: 'data', name: 'Price list PDF' }) });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /v1/knowledge/item/file']);
		expect(String(server.requests[0].headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const form = (server.requests[0].body as { multipart: { fields: object; files: Record<string, { filename: string; contentType: string; data: Buffer }> } }).multipart;
		expect(form.fields).toEqual({ name: 'Price list PDF', category: 'file' });
		expect(form.files.file).toMatchObject({ filename: 'prices.pdf', contentType: 'application/pdf' });
		expect(form.files.file.data.equals(PDF)).toBe(true);
		expect(result.items[0].json).toMatchObject({ name: 'Price list PDF', category: 'file', size_bytes: PDF.length });
	});

	test('a file name keeps its characters: quotes and backslashes escaped as Python’s multipart parser (FastAPI) reads them back', async () => {
		const fileName = 'Preise "2027" \\ Übersicht; v2.pdf';
		const result = await run(server, { items: [{ $binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName } } }], parameters: params('addFile', { binaryPropertyName: 'data' }) });
		expect(result.error).toBeUndefined();
		const form = (server.requests[0].body as { multipart: { fields: object; files: Record<string, { filename: string; data: Buffer }> } }).multipart;
		expect(form.files.file.filename).toBe(fileName);
		expect(form.fields).toEqual({ name: fileName, category: 'file' });
		expect(form.files.file.data.equals(PDF)).toBe(true);
	});

	test('a line break in a file name cannot travel in a header: sent as a browser sends it (%0D, %0A)', async () => {
		await run(server, { items: [{ $binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'a\r\nb.pdf' } } }], parameters: params('addFile', { binaryPropertyName: 'data', name: 'A' }) });
		expect((server.requests[0].body as { multipart: { files: Record<string, { filename: string }> } }).multipart.files.file.filename).toBe('a%0D%0Ab.pdf');
	});

	test('without an item name, the file’s name', async () => {
		await run(server, { items: withFile(), parameters: params('addFile', { binaryPropertyName: 'data' }) });
		expect((server.requests[0].body as { multipart: { fields: object } }).multipart.fields).toEqual({ name: 'prices.pdf', category: 'file' });
	});

	test('a binary property the item does not have: an error naming the field and the properties there are; nothing sent', async () => {
		const result = await run(server, { items: withFile('attachment'), parameters: params('addFile', { binaryPropertyName: 'data' }) });
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Input Binary Field: the input item has no binary property "data"',
			description: 'Its binary properties: attachment.',
		});
		expect(server.requests).toHaveLength(0);
	});

	test('an item without binary data at all', async () => {
		const result = await run(server, { items: [{}], parameters: params('addFile', { binaryPropertyName: 'data' }) });
		expect(result.error).toMatchObject({ message: 'Input Binary Field: the input item has no binary property "data"', description: expect.stringContaining('no binary data') });
	});
});

describe('Knowledge Item → Get / Get Many / Rename / Delete / Get Storage Usage', () => {
	test('Get: the item with its text', async () => {
		const result = await run(server, { parameters: params('get', { knowledgeItemId: locator('list', KNOWLEDGE_IDS.openingHours) }) });
		expect(calls()).toEqual([`GET /v1/knowledge/item/${KNOWLEDGE_IDS.openingHours}`]);
		expect(result.items[0].json).toMatchObject({ id: KNOWLEDGE_IDS.openingHours, category: 'txt', content: OPENING_HOURS_TEXT });
	});

	test('Get Many: status, category, name and base as Diga’s query parameters', async () => {
		const result = await run(server, {
			parameters: params('getAll', { returnAll: true, filters: { status: 'uploaded', category: 'txt', name: 'hours', knowledgeBaseId: locator('list', KNOWLEDGE_IDS.faqBase) } }),
		});
		expect(calls()).toEqual([`GET /v1/knowledge/item/ knowledge_base_id=${KNOWLEDGE_IDS.faqBase}&status=uploaded&category=txt&name=hours&limit=100`]);
		expect(result.items.map((item) => item.json.id)).toEqual([KNOWLEDGE_IDS.openingHours]);
	});

	test('Rename: PATCH with the new name', async () => {
		const result = await run(server, { parameters: params('rename', { knowledgeItemId: locator('id', KNOWLEDGE_IDS.looseNote), name: 'Sundays' }) });
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/knowledge/item/${KNOWLEDGE_IDS.looseNote}`, { name: 'Sundays' }]]);
		expect(result.items[0].json).toMatchObject({ id: KNOWLEDGE_IDS.looseNote, name: 'Sundays' });
	});

	test('Delete: DELETE, outputs { id, deleted: true }; an unknown item is named', async () => {
		const result = await run(server, { parameters: params('delete', { knowledgeItemId: locator('id', KNOWLEDGE_IDS.looseNote) }) });
		expect(calls()).toEqual([`DELETE /v1/knowledge/item/${KNOWLEDGE_IDS.looseNote}`]);
		expect(result.items[0].json).toEqual({ id: KNOWLEDGE_IDS.looseNote, deleted: true });
		const again = await run(server, { parameters: params('delete', { knowledgeItemId: locator('id', KNOWLEDGE_IDS.looseNote) }) });
		expect(again.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find knowledge item ${KNOWLEDGE_IDS.looseNote} in this account` });
	});

	test('Get Storage Usage: GET /v1/knowledge/usage', async () => {
		const result = await run(server, { parameters: params('getUsage') });
		expect(calls()).toEqual(['GET /v1/knowledge/usage']);
		expect(result.items).toEqual([{ json: { used_bytes: 44 + 32 + 5120 + 18, limit_bytes: 104857600, item_count: 4 }, pairedItem: { item: 0 } }]);
	});
});

describe('Add File, Add Text, Add URLs: the way into a base keeps the base’s other items', () => {
	/** Every description and hint the editor shows for an operation's fields, nested ones included. */
	const textsOf = (operation: string) => {
		const texts: string[] = [];
		const walk = (properties: readonly IDataObject[]) => {
			for (const property of properties) {
				texts.push(...[property.description, property.hint].filter((text): text is string => typeof text === 'string'));
				if (Array.isArray(property.options)) walk(property.options.filter((option): option is IDataObject => typeof option === 'object' && option !== null && 'name' in option));
				if (Array.isArray(property.values)) walk(property.values as IDataObject[]);
			}
		};
		const shown = (property: IDataObject) => ((property.displayOptions as { show?: { operation?: string[]; resource?: string[] } })?.show ?? {});
		walk(pkg.node.description.properties.filter((p) => shown(p as unknown as IDataObject).resource?.includes('knowledgeItem') && shown(p as unknown as IDataObject).operation?.includes(operation)) as unknown as IDataObject[]);
		return texts.join(' ');
	};

	test.each(['addFile', 'addText', 'addUrls'])('%s points to Knowledge Base → Add Items, never to Update (which replaces the base’s items)', (operation) => {
		expect(textsOf(operation)).toContain('Knowledge Base → Add Items');
		expect(textsOf(operation)).not.toContain('Knowledge Base → Update');
	});
});
