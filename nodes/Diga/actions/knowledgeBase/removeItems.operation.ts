import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationOption, RunContext } from '../types';
import type { ListChange, MembershipChange } from './membership';
import { changeItems, membershipProperties, readMembershipChange } from './membership';

export const option = {
	name: 'Remove Items',
	value: 'removeItems',
	description: 'Take knowledge items out of a base (they are not deleted), keeping the others',
	action: 'Remove items from a knowledge base',
} as const satisfies OperationOption;

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['removeItems'] } }, membershipProperties('remove from'));

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<MembershipChange> {
	return readMembershipChange(this, itemIndex, 'remove');
}

/** The base's items without the ones asked for; those that were not in the base are reported, not an error. */
const removeFrom: ListChange = (current, asked) => {
	const removed = asked.filter((id) => current.includes(id));
	const absent = asked.filter((id) => !current.includes(id));
	return { next: current.filter((id) => !asked.includes(id)), report: { removed_item_ids: removed, not_in_base_item_ids: absent } };
};

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: MembershipChange): Promise<IDataObject> {
	return await changeItems(run, prepared ?? (await prepare.call(this, itemIndex)), itemIndex, removeFrom);
}
