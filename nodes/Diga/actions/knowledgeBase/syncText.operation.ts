import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';
import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import { oneAtATime } from '../../helpers/oneAtATime';
import { readList } from '../../transport/paginate';
import type { DigaKnowledgeItem } from '../../transport/types';
import { A_KNOWLEDGE_ITEM } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { BASE, baseLocator } from './baseFields';

export const option = {
	name: 'Sync Text',
	value: 'syncText',
	description: 'Make a base hold exactly this text under this name: add, replace or leave it',
	action: 'Sync a text into a knowledge base',
} as const satisfies OperationOption;

const ITEM_NAME = { name: 'itemName', api: 'name', label: 'Item Name' } as const satisfies DigaField;
const TEXT = { name: 'text', api: 'content', label: 'Text' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [{ ...BASE, api: 'knowledge_base_id' }, ITEM_NAME, TEXT];

const properties: INodeProperties[] = [
	baseLocator('The knowledge base that must hold the text'),
	{ displayName: ITEM_NAME.label, name: ITEM_NAME.name, type: 'string', default: '', required: true, placeholder: 'e.g. FAQ', description: 'The name of the text item in the base: the item this node keeps up to date' },
	{
		displayName: TEXT.label,
		name: TEXT.name,
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 8 },
		description: 'The text the base must hold under that name, e.g. the page an HTTP Request node fetched',
	},
	{
		displayName:
			'Same text already there: nothing changes. Otherwise the new text is added to the base first, then the old item is deleted. If a run fails half-way, run it again: it finishes without a duplicate.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['syncText'] } }, properties);

interface Sync {
	baseId: string;
	name: string;
	text: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<Sync> {
	const baseId = readLocatorId(this, BASE.name, BASE.label, itemIndex);
	const name = String(this.getNodeParameter(ITEM_NAME.name, itemIndex, '') ?? '').trim();
	if (name === '') throw new NodeOperationError(this.getNode(), `${ITEM_NAME.label} is empty`, { itemIndex, description: 'Name the text item the base must hold.' });
	const raw = this.getNodeParameter(TEXT.name, itemIndex, '') as unknown;
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
	if (text.trim() === '') {
		throw new NodeOperationError(this.getNode(), `${TEXT.label} is empty`, {
			itemIndex,
			description: `"${TEXT.label}" is ${JSON.stringify(raw)?.slice(0, 100)}. An empty text is never synced: the base keeps what it has (delete the item with Knowledge Item → Delete if that is what you want).`,
		});
	}
	return { baseId, name, text };
}

/** Adds to an error what state the base is left in and that running again finishes the job. */
function withState(error: unknown, state: string): unknown {
	if (error instanceof Error) {
		const current = (error as { description?: string | null }).description;
		(error as { description?: string | null }).description = current ? `${current} ${state}` : state;
	}
	return error;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: Sync): Promise<IDataObject> {
	const sync = prepared ?? (await prepare.call(this, itemIndex));
	// Two items of one run syncing the same name into the same base would each add the text.
	return await oneAtATime(run, `${sync.baseId}\n${sync.name}`, async () => await syncText(run, sync, itemIndex));
}

type Context = { itemIndex: number; fields: readonly DigaField[]; notFound: { default: string } };

/**
 * The base's text items named exactly `name`. Diga's list filters (`knowledge_base_id`,
 * `category`, `name`, which is partial and ignores case) narrow the listing; each item returned is
 * checked again here, so nothing of another base, category or name is ever kept or deleted.
 */
async function textItemsNamed(run: RunContext, { baseId, name }: Sync, context: Context): Promise<DigaKnowledgeItem[]> {
	const listed = await readList<DigaKnowledgeItem>(run.client, '/v1/knowledge/item/', { knowledge_base_id: baseId, category: 'txt', name }, undefined, context);
	return listed.filter((item) => isTextOf(item, baseId, name));
}

const isTextOf = (item: IDataObject, baseId: string, name: string) =>
	item.category === 'txt' && item.name === name && String(item.knowledge_base_id ?? '').toLowerCase() === baseId.toLowerCase();

/** The item with its text (a list may leave `content` out: then it is read by id, and checked again). */
async function withText(run: RunContext, item: DigaKnowledgeItem, { baseId, name }: Sync, itemIndex: number): Promise<DigaKnowledgeItem | undefined> {
	if (typeof item.content === 'string') return item;
	const full = await run.client.request<DigaKnowledgeItem>(
		{ method: 'GET', path: `/v1/knowledge/item/${item.id}`, expect: A_KNOWLEDGE_ITEM },
		{ itemIndex, notFound: { default: `Diga could not find knowledge item ${item.id}` } },
	);
	return isTextOf(full, baseId, name) ? full : undefined;
}

/** An item holding exactly this text that Diga could index (it may be the one a failed run, or a lost answer, added). */
const holdsText = (item: DigaKnowledgeItem | undefined, text: string) => item?.content === text && item.status !== 'error';

async function syncText(run: RunContext, sync: Sync, itemIndex: number): Promise<IDataObject> {
	const { baseId, name, text } = sync;
	const context: Context = { itemIndex, fields: FIELDS, notFound: { default: `Diga could not find knowledge base ${baseId} in this account` } };
	// 1–2. The base's text items of that name, with their texts.
	const named: DigaKnowledgeItem[] = [];
	for (const item of await textItemsNamed(run, sync, context)) {
		const full = await withText(run, item, sync, itemIndex);
		if (full) named.push(full);
	}

	// 3. An item with this text is kept.
	let kept: IDataObject | undefined = named.find((item) => holdsText(item, text));
	const stale = named.filter((item) => item !== kept);
	if (kept && stale.length === 0) {
		return { action: 'unchanged', message: `Knowledge base ${baseId} already holds this text as "${name}": nothing changed`, knowledge_base_id: baseId, item: kept, deleted_item_ids: [] };
	}

	// 4. Without one, the new text goes into the base first: the agent is never left with neither.
	const action = kept ? 'finished' : stale.length ? 'replaced' : 'added';
	if (!kept) {
		/** Before the create is sent again (after a 429, or a 503 a gateway may have passed on): the text an earlier attempt added. */
		const addedEarlier = async () => {
			for (const item of await textItemsNamed(run, sync, context)) {
				if (named.some((known) => known.id === item.id)) continue;
				const full = await withText(run, item, sync, itemIndex);
				if (holdsText(full, text)) return full;
			}
			return undefined;
		};
		const added = await run.client
			.request<DigaKnowledgeItem>(
				{
					method: 'POST',
					path: '/v1/knowledge/item/text',
					body: { name, content: text, knowledge_base_id: baseId },
					expect: A_KNOWLEDGE_ITEM,
					beforeResend: addedEarlier,
					lostAnswer: {
						mayHave: `Diga may have added the new text "${name}" to knowledge base ${baseId}`,
						check: `Knowledge Item → Get Many (Knowledge Base ${baseId}, Category: Text, Name "${name}"), or run this node again: it finds the text if Diga added it, keeps it and deletes the old item, without adding it twice.`,
					},
				},
				context,
			)
			.catch((error: unknown) => {
				throw withState(error, stale.length ? 'The base still holds the old text.' : 'Nothing was added.');
			});
		if (String(added.knowledge_base_id).toLowerCase() !== baseId || added.status === 'error') {
			const why = added.status === 'error' ? 'Diga could not index the new text (status "error")' : `Diga added the new text as item ${added.id} but not to knowledge base ${baseId}`;
			throw new NodeOperationError(run.client.node, why, {
				itemIndex,
				description: `The old text was kept${stale.length ? '' : ' (there was none)'}. Check item ${added.id} with Knowledge Item → Get.`,
			});
		}
		kept = added;
	}

	// 5. Then the old item(s) of that name are deleted, one by one.
	const deleted: string[] = [];
	for (const item of stale) {
		await run.client
			.request<unknown>(
				{ method: 'DELETE', path: `/v1/knowledge/item/${item.id}`, settleAfterLostAnswer: goneAfterLostAnswer },
				{ itemIndex, notFound: { default: `Diga could not find knowledge item ${item.id}` } },
			)
			.catch((error: unknown) => {
				throw withState(error, `The new text is in the base as item ${String(kept!.id)}, but old item ${item.id} is still there too: run again to finish (nothing is added twice).`);
			});
		deleted.push(item.id);
	}
	const messages = {
		added: `Added the text "${name}" to knowledge base ${baseId}`,
		replaced: `Replaced the text "${name}" in knowledge base ${baseId}`,
		finished: `Finished an earlier sync of "${name}" in knowledge base ${baseId}: the text was there, the old item was deleted`,
	};
	return { action, message: messages[action], knowledge_base_id: baseId, item: kept, deleted_item_ids: deleted };
}
