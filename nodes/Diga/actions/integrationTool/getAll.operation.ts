import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/pagination';
import { readLimit, readLocatorId } from '../../helpers/input';
import { readList } from '../../transport/paginate';
import type { DigaIntegrationTool } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound } from './toolFields';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the tools of an integration (an MCP integration’s come from its server)',
	action: 'Get many tools of an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [integrationPicker('The integration whose tools to list'), ...returnAllOrLimit];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const integrationId = readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
	const limit = readLimit(this, itemIndex);
	return await readList<DigaIntegrationTool>(run.client, `/v1/integration/${integrationId}/tool`, {}, limit, { itemIndex, fields: [INTEGRATION], notFound: notFound(integrationId) });
}
