import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readIdListPair, readLocatorId } from '../../helpers/input';
import { oneAtATime } from '../../helpers/oneAtATime';
import type { DigaKnowledgeBase } from '../../transport/types';
import { A_KNOWLEDGE_BASE } from '../../transport/types';
import type { RunContext } from '../types';
import { BASE, BASE_FIELDS, baseLocator, baseNotFound, ITEM_LISTS, ITEMS, itemsFields } from './baseFields';

/**
 * Knowledge Base → Add Items and Remove Items: Diga only replaces a base's whole item list
 * (`PATCH /v1/knowledge/base/{id}`), so each reads the base, changes its list and writes it back,
 * keeping every other item.
 */

/** The fields of both: the base, and the items picked or given as IDs. `verb`: "add to", "remove from". */
export const membershipProperties = (verb: string): INodeProperties[] => [baseLocator(`The knowledge base to ${verb}`), ...itemsFields(`The knowledge items to ${verb} the base.`)];

export interface MembershipChange {
	baseId: string;
	itemIds: string[];
}

/** The base and the items, checked before any base of the run is changed; an empty list is refused. */
export function readMembershipChange(context: IExecuteFunctions, itemIndex: number, verb: string): MembershipChange {
	const baseId = readLocatorId(context, BASE.name, BASE.label, itemIndex);
	const source = { [ITEMS.name]: context.getNodeParameter(ITEMS.name, itemIndex, {}), [ITEM_LISTS.typed.name]: context.getNodeParameter(ITEM_LISTS.typed.name, itemIndex, '') };
	const itemIds = readIdListPair(context, source, ITEM_LISTS, itemIndex);
	if (!itemIds) {
		throw new NodeOperationError(context.getNode(), `No knowledge item to ${verb}`, {
			itemIndex,
			description: `Pick the items under "${ITEMS.label}" or give their IDs under "${ITEM_LISTS.typed.label}". Nothing was changed.`,
		});
	}
	return { baseId, itemIds };
}

/** What a change makes of the base's list: the new list, and what to report about each item asked for. */
export type ListChange = (current: string[], asked: string[]) => { next: string[]; report: IDataObject };

/**
 * Reads the base, applies `change` to its item list and writes the list back when it changed (a
 * PATCH of fixed values: the same however often it arrives). Items of one run naming the same base
 * take turns, so none writes back a list read before another's write. Output: the base as Diga
 * answers after the write (as read, when nothing changed), with the report.
 */
export async function changeItems(run: RunContext, { baseId, itemIds }: MembershipChange, itemIndex: number, change: ListChange): Promise<IDataObject> {
	return await oneAtATime(run, `knowledge base ${baseId}`, async () => {
		const notFound = baseNotFound(baseId);
		const base = await run.client.request<DigaKnowledgeBase>({ method: 'GET', path: `/v1/knowledge/base/${baseId}`, expect: A_KNOWLEDGE_BASE }, { itemIndex, notFound });
		const current = currentItems(run, base, itemIndex);
		const { next, report } = change(current, itemIds);
		const same = next.length === current.length && next.every((id, position) => id === current[position]);
		const written = same
			? base
			: await run.client.request<DigaKnowledgeBase>(
					{ method: 'PATCH', path: `/v1/knowledge/base/${baseId}`, body: { [ITEMS.api]: next }, expect: A_KNOWLEDGE_BASE },
					{ itemIndex, fields: BASE_FIELDS, notFound },
				);
		return { ...written, ...report };
	});
}

/** The base's items as Diga listed them (lower case), refused when the list cannot be all of them. */
function currentItems(run: RunContext, base: DigaKnowledgeBase, itemIndex: number): string[] {
	const ids: unknown = base.knowledge_item_ids;
	const complete = Array.isArray(ids) && ids.every((id) => typeof id === 'string') && (typeof base.item_count !== 'number' || base.item_count === ids.length);
	if (!complete) {
		throw new NodeOperationError(run.client.node, `Diga's answer does not list every item of knowledge base ${String(base.id)}`, {
			itemIndex,
			description: `It gave knowledge_item_ids ${JSON.stringify(ids)?.slice(0, 200)} for ${String(base.item_count)} items. Writing the list back could take items out of the base, so nothing was changed.`,
		});
	}
	return (ids as string[]).map((id) => id.toLowerCase());
}
