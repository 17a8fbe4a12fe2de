import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator } from '../../descriptions/locators';
import { readLimit, returnAllOrLimit } from '../../descriptions/pagination';
import { readLocatorId } from '../../helpers/locators';
import type { DigaAgent } from '../../transport/types';
import type { RunContext } from '../types';

const properties: INodeProperties[] = [
	{ ...agentLocator('agentId', 'Agent', 'The agent whose versions to list'), required: true },
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentVersion'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const agentId = readLocatorId(this, 'agentId', 'Agent', itemIndex);
	const limit = readLimit(this, itemIndex);
	return await run.client.paginate<DigaAgent>(`/v1/agent/${agentId}/version`, {}, limit, {
		itemIndex,
		notFound: () => `Diga could not find agent ${agentId} in this account`,
	});
}
