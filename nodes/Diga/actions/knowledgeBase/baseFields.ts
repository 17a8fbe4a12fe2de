import type { INodeProperties } from 'n8n-workflow';

import { idListField } from '../../descriptions/idLists';
import { knowledgeBaseLocator, knowledgeItemLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';

/** The fields of `KnowledgeBaseCreateSchema` / `KnowledgeBaseUpdateSchema`, and the base in the path. */
export const BASE = { name: 'knowledgeBaseId', api: 'id', label: 'Knowledge Base' } as const satisfies DigaField;
export const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;
export const DESCRIPTION = { name: 'description', api: 'description', label: 'Description' } as const satisfies DigaField;
export const ITEMS = { name: 'knowledgeItemIds', api: 'knowledge_item_ids', label: 'Knowledge Items' } as const satisfies DigaField;
export const BASE_FIELDS: readonly DigaField[] = [BASE, NAME, DESCRIPTION, ITEMS];

export const baseLocator = (description: string): INodeProperties => ({ ...knowledgeBaseLocator(BASE, description), required: true });

export const descriptionField: INodeProperties = {
	displayName: DESCRIPTION.label,
	name: DESCRIPTION.name,
	type: 'string',
	default: '',
	description: 'What the base holds, shown in Diga next to it',
};

export const itemsField = (description: string): INodeProperties =>
	idListField(ITEMS, knowledgeItemLocator({ name: 'id', label: 'Knowledge Item' }, 'A knowledge item, by its Diga ID'), 'Add Knowledge Item', description);
