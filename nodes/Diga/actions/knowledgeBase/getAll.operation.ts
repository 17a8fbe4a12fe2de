import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { locatorValue, readLimit, requireUuid } from '../../helpers/input';
import { readList } from '../../transport/paginate';
import type { DigaKnowledgeBase } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the knowledge bases of the account',
	action: 'Get many knowledge bases',
} as const satisfies OperationOption;

/** The filters, as query parameters of `GET /v1/knowledge/base/`. */
const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;
const NAME = { name: 'name', api: 'name', label: 'Name Contains' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		agentLocator(AGENT, 'Only the bases this agent uses'),
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'Only bases whose name contains this text (any case)' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters[AGENT.name] !== undefined) qs[AGENT.api] = requireUuid(this, locatorValue(filters[AGENT.name]).value, AGENT.label, itemIndex);
	if (filters[NAME.name] !== undefined && filters[NAME.name] !== '') qs[NAME.api] = String(filters[NAME.name]);
	return await readList<DigaKnowledgeBase>(run.client, '/v1/knowledge/base/', qs, limit, { itemIndex, fields: [AGENT, NAME] });
}
