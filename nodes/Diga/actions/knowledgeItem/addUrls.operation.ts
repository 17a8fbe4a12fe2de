import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { PartlyDone } from '../types';
import { baseNotFound, isUploadAnswer, readTargetBase, TARGET_BASE, targetBaseField } from './itemFields';

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

type UrlUpload = { successful_items: IDataObject[]; failed_items: Array<{ name?: unknown; error?: unknown }> };
type Page = { url: string; name?: string };

/**
 * A page Diga refused, by its URL: `FailedKnowledgeItem` names it only by `name`, which is the
 * page's Name, or (docs/spec-gaps.md) its URL when it had none.
 */
function refusedPage(pages: Page[], failed: UrlUpload['failed_items'][number]): string {
	const name = String(failed.name ?? '');
	const page = pages.find((p) => p.name === name) ?? pages.find((p) => p.url === name);
	const reason = typeof failed.error === 'string' && failed.error ? failed.error : 'no reason given';
	return `${page?.url ?? `"${name}"`} (${reason})`;
}

/** What Diga did add, for the error of an item it carried out in part: running it again would add those twice. */
function addedPages(added: IDataObject[]): string {
	if (added.length === 0) return 'Diga added none of the pages.';
	const list = added.map((item) => `${String(item.url ?? item.name)} as item ${String(item.id)}`).join(', ');
	return `Diga added ${list}: running this item again adds ${added.length > 1 ? 'them' : 'it'} a second time (leave ${added.length > 1 ? 'them' : 'it'} out).`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject | PartlyDone> {
	const body = prepared ?? (await prepare.call(this, itemIndex));
	const pages = body.items as Page[];
	const urls = pages.map((page) => page.url).join(', ');
	const answer = await run.client.request<UrlUpload>(
		{
			method: 'POST',
			path: '/v1/knowledge/item/url',
			body,
			expect: { what: 'the added and failed web pages', is: isUploadAnswer },
			lostAnswer: { mayHave: `Diga may have added the web pages ${urls}`, check: 'Knowledge Item → Get Many (Category: Web Page): pages already there need not be added again.' },
		},
		{ itemIndex, fields: [URLS, TARGET_BASE, { name: 'url', api: 'url', label: 'URL' }], notFound: baseNotFound },
	);
	if (answer.failed_items.length === 0) return answer;
	const refused = answer.failed_items.map((failed) => refusedPage(pages, failed));
	const description = addedPages(answer.successful_items);
	if (this.continueOnFail()) {
		// Each refused page is an error item of its own; what was added is output as usual.
		const errors = refused.map((page) => new NodeOperationError(this.getNode(), `Diga refused the web page ${page}`, { itemIndex, description }));
		return new PartlyDone(answer.successful_items.length ? answer : undefined, errors);
	}
	throw new NodeOperationError(this.getNode(), `Diga refused ${refused.length} of ${pages.length} web page${pages.length > 1 ? 's' : ''}: ${refused.join('; ')}`, { itemIndex, description });
}
