import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/pagination';
import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit, readLocatorId } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { readList } from '../../transport/paginate';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the versions of an agent, to find the published one',
	action: 'Get many versions of an agent',
} as const satisfies OperationOption;

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose versions to list, by its Diga ID (agent_id)'), required: true },
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentVersion'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const agentId = readLocatorId(this, AGENT.name, AGENT.label, itemIndex);
	const limit = readLimit(this, itemIndex);
	return await readList<DigaAgent>(run.client, `/v1/agent/${agentId}/version`, {}, limit, {
		itemIndex,
		notFound: { default: `Diga could not find agent ${agentId} in this account` },
	});
}
