import type { INodeProperties } from 'n8n-workflow';

import { idListField, idTextField } from '../../descriptions/idLists';
import type { IdListPair } from '../../helpers/input';
import { knowledgeBaseLocator, knowledgeItemLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';

/** The fields of `KnowledgeBaseCreateSchema` / `KnowledgeBaseUpdateSchema`, and the base in the path. */
export const BASE = { name: 'knowledgeBaseId', api: 'id', label: 'Knowledge Base' } as const satisfies DigaField;
export const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;
export const DESCRIPTION = { name: 'description', api: 'description', label: 'Description' } as const satisfies DigaField;
export const ITEMS = { name: 'knowledgeItemIds', api: 'knowledge_item_ids', label: 'Knowledge Items' } as const satisfies DigaField;
/** The same list as IDs, e.g. from an expression (n8n drops an expression set on a whole fixed collection). */
export const ITEM_ID_LIST = { name: 'knowledgeItemIdList', api: 'knowledge_item_ids', label: 'Knowledge Item IDs' } as const satisfies DigaField;
export const ITEM_LISTS: IdListPair = { picked: ITEMS, typed: ITEM_ID_LIST };
export const BASE_FIELDS: readonly DigaField[] = [BASE, NAME, DESCRIPTION, ITEMS, ITEM_ID_LIST];

export const baseLocator = (description: string): INodeProperties => ({ ...knowledgeBaseLocator(BASE, description), required: true });

export const descriptionField: INodeProperties = {
	displayName: DESCRIPTION.label,
	name: DESCRIPTION.name,
	type: 'string',
	default: '',
	description: 'What the base holds, shown in Diga next to it',
};

/** The items of a base, picked one by one and, next to them, as IDs (`readIdListPair(…, ITEM_LISTS, …)`). */
export const itemsFields = (description: string): INodeProperties[] => [
	idTextField(ITEM_ID_LIST, 'knowledge items', `Instead of ${ITEMS.label}: ${description.charAt(0).toLowerCase()}${description.slice(1)}`),
	idListField(ITEMS, knowledgeItemLocator({ name: 'id', label: 'Knowledge Item' }, 'A knowledge item, by its Diga ID'), 'Add Knowledge Item', `${description} For a list from an expression use ${ITEM_ID_LIST.label}.`),
];

/** Diga's 404s for a write to a base that names items: the base, or one of the items. */
export const baseNotFound = (baseId: string) => ({
	default: `Diga could not find knowledge base ${baseId} or one of the knowledge items`,
	KNOWLEDGE_BASE_NOT_FOUND: `Diga could not find knowledge base ${baseId} in this account`,
	KNOWLEDGE_ITEM_NOT_FOUND: 'Diga could not find one of the knowledge items',
});
