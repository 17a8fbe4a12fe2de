import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { knowledgeBaseLocator, knowledgeItemLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { locatorValue, requireUuid } from '../../helpers/input';
import { isRecord } from '../../transport/types';

/** The item in the path, and the base an upload goes into (`knowledge_base_id`). */
export const ITEM = { name: 'knowledgeItemId', api: 'id', label: 'Knowledge Item' } as const satisfies DigaField;
export const TARGET_BASE = { name: 'knowledgeBaseId', api: 'knowledge_base_id', label: 'Knowledge Base' } as const satisfies DigaField;
export const ITEM_NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;

export const itemLocator = (description: string): INodeProperties => ({ ...knowledgeItemLocator(ITEM, description), required: true });

/** The optional base an upload is put in, under "Additional Fields". */
export const targetBaseField: INodeProperties = knowledgeBaseLocator(TARGET_BASE, 'The knowledge base to put the new item in. Without it the item belongs to no base; to add it to one later, use Knowledge Base → Add Items, which keeps the base’s other items.');

/** Diga's answer to an upload (`FileUploadResponse`, `URLUploadResponse`): what it added and what it refused. */
export const isUploadAnswer = (body: unknown) => isRecord(body) && Array.isArray(body.successful_items) && Array.isArray(body.failed_items);

export const itemNotFound = (itemId: string) => ({ default: `Diga could not find knowledge item ${itemId} in this account` });
export const baseNotFound = { default: 'Diga could not find the knowledge base' };

/** A required text parameter, or an error naming it. */
export function requireText(context: IExecuteFunctions, field: DigaField, itemIndex: number, trim = true): string {
	const raw = context.getNodeParameter(field.name, itemIndex, '') as unknown;
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
	// Only spaces is empty too; a text is sent as written (`trim` false), its layout kept.
	if (text.trim() === '') {
		throw new NodeOperationError(context.getNode(), `${field.label} is empty`, { itemIndex, description: `Fill in "${field.label}".` });
	}
	return trim ? text.trim() : text;
}

/** The base of "Additional Fields", if added. */
export function readTargetBase(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additional[TARGET_BASE.name] === undefined) return undefined;
	return requireUuid(context, locatorValue(additional[TARGET_BASE.name]).value, TARGET_BASE.label, itemIndex);
}

