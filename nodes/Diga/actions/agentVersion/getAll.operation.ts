import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/pagination';
import { agentLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit, readLocatorId } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import type { RunContext } from '../types';
import { readList } from '../../transport/paginate';

const AGENT = { name: 'agentId', api: 'agent_id', label: 'Agent' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{ ...agentLocator(AGENT, 'The agent whose versions to list'), required: true },
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
