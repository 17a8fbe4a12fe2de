import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationOption, RunContext } from '../types';
import type { ListChange, MembershipChange } from './membership';
import { changeItems, membershipProperties, readMembershipChange } from './membership';

export const option = {
	name: 'Add Items',
	value: 'addItems',
	description: 'Put knowledge items into a base, keeping the items it has',
	action: 'Add items to a knowledge base',
} as const satisfies OperationOption;

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['addItems'] } }, membershipProperties('add to'));

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<MembershipChange> {
	return readMembershipChange(this, itemIndex, 'add');
}

/** The base's items, then the new ones in the order given; items already there stay where they are. */
const addTo: ListChange = (current, asked) => {
	const already = asked.filter((id) => current.includes(id));
	const added = asked.filter((id) => !current.includes(id));
	return { next: [...current, ...added], report: { added_item_ids: added, already_in_base_item_ids: already } };
};

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: MembershipChange): Promise<IDataObject> {
	return await changeItems(run, prepared ?? (await prepare.call(this, itemIndex)), itemIndex, addTo);
}
