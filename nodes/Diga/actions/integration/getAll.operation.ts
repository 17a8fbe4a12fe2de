import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit } from '../../helpers/input';
import { readList } from '../../transport/paginate';
import type { DigaIntegration } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the integrations of the account, optionally by type or name',
	action: 'Get many integrations',
} as const satisfies OperationOption;

const TYPE = { name: 'integrationType', api: 'integration_type', label: 'Type' } as const satisfies DigaField;
const NAME = { name: 'name', api: 'name', label: 'Name' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'Only integrations with exactly this name (any case, spaces around it ignored)' },
		{ displayName: TYPE.label, name: TYPE.name, type: 'options', default: 'HTTP', options: [{ name: 'HTTP', value: 'HTTP' }, { name: 'MCP', value: 'MCP' }], description: 'Only integrations of this type' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters[TYPE.name] !== undefined) {
		if (!['HTTP', 'MCP'].includes(String(filters[TYPE.name]))) throw new NodeOperationError(this.getNode(), `${TYPE.label} must be HTTP or MCP`, { itemIndex });
		qs[TYPE.api] = filters[TYPE.name];
	}
	const name = typeof filters[NAME.name] === 'string' ? (filters[NAME.name] as string).trim().toLowerCase() : '';
	const context = { itemIndex, fields: [TYPE] };
	// Diga has no name filter: with one, every integration is read (an account has few) and matched here.
	if (name === '') return await readList<DigaIntegration>(run.client, '/v1/integration', qs, limit, context);
	const named = (await readList<DigaIntegration>(run.client, '/v1/integration', qs, undefined, context)).filter((i) => String(i.name).trim().toLowerCase() === name);
	return limit === undefined ? named : named.slice(0, limit);
}
