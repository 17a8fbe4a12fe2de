import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import type { DigaKnowledgeBase } from '../../transport/types';
import { A_KNOWLEDGE_BASE } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { BASE, baseLocator } from './baseFields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a knowledge base with the IDs of its items',
	action: 'Get a knowledge base',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [baseLocator('The knowledge base to get')];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const baseId = readLocatorId(this, BASE.name, BASE.label, itemIndex);
	return await run.client.request<DigaKnowledgeBase>(
		{ method: 'GET', path: `/v1/knowledge/base/${baseId}`, expect: A_KNOWLEDGE_BASE },
		{ itemIndex, fields: [BASE], notFound: { default: `Diga could not find knowledge base ${baseId} in this account` } },
	);
}
