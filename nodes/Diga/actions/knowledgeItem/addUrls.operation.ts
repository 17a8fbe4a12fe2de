import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import type { DigaField } from '../../vocabulary/fields';
import { isRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { baseNotFound, readTargetBase, TARGET_BASE, targetBaseField } from './itemFields';

export const option = {
	name: 'Add URLs',
	value: 'addUrls',
	description: 'Add web pages as knowledge items; Diga reads and indexes each one',
	action: 'Add web pages as knowledge items',
} as const satisfies OperationOption;

const URLS = { name: 'urls', api: 'items', label: 'Web Pages' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{
		displayName: URLS.label,
		name: URLS.name,
		type: 'fixedCollection',
		placeholder: 'Add Web Page',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Web Page' },
		default: {},
		required: true,
		options: [
			{
				displayName: 'Web Page',
				name: 'page',
				values: [
					{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://acme.example/faq', description: 'The page Diga reads and indexes' },
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The item’s name in Diga; empty: the URL' },
				],
			},
		],
	},
	additionalFields([targetBaseField]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addUrls'] } }, properties);

/** `URLKnowledgeItemRequest`, every page checked before any item of the run is added. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pages = (this.getNodeParameter(`${URLS.name}.page`, itemIndex, []) as IDataObject[]) ?? [];
	if (!Array.isArray(pages) || pages.length === 0) {
		throw new NodeOperationError(this.getNode(), `${URLS.label} is empty`, { itemIndex, description: 'Add at least one web page.' });
	}
	const items = pages.map((page, position) => {
		const url = String(page.url ?? '').trim();
		if (!/^https?:\/\/[^\s/]+\.[^\s]*$/i.test(url)) {
			throw new NodeOperationError(this.getNode(), `${URLS.label} (page ${position + 1}): URL is not a web address: "${url.slice(0, 80)}"`, {
				itemIndex,
				description: 'Write the full address, starting with https://',
			});
		}
		const name = String(page.name ?? '').trim();
		return name ? { url, name } : { url };
	});
	const body: IDataObject = { [URLS.api]: items };
	const baseId = readTargetBase(this, itemIndex);
	if (baseId) body[TARGET_BASE.api] = baseId;
	return body;
}

const isUploadResponse = (body: unknown) => isRecord(body) && Array.isArray(body.successful_items) && Array.isArray(body.failed_items);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? (await prepare.call(this, itemIndex));
	const urls = (body.items as Array<{ url: string }>).map((page) => page.url).join(', ');
	return await run.client.request<IDataObject>(
		{
			method: 'POST',
			path: '/v1/knowledge/item/url',
			body,
			expect: { what: 'the added and failed web pages', is: isUploadResponse },
			lostAnswer: { mayHave: `Diga may have added the web pages ${urls}`, check: 'Knowledge Item → Get Many (Category: Web Page): pages already there need not be added again.' },
		},
		{ itemIndex, fields: [URLS, TARGET_BASE, { name: 'url', api: 'url', label: 'URL' }], notFound: baseNotFound },
	);
}
