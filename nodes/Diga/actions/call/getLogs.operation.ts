import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { namedChoices } from '../../descriptions/collections';
import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { readLimit } from '../../helpers/input';
import { readList } from '../../transport/paginate';
import type { DigaCallLog, DigaSchemas } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { CALL_ID, callIdProperty, readCallId } from './callId';

export const option = {
	name: 'Get Logs',
	value: 'getLogs',
	description: 'Get what happened on a call, event by event: tools, transfers, knowledge, errors',
	action: 'Get the logs of a call',
} as const satisfies OperationOption;

/** The filters of `GET /v1/log/call/{call_id}`. */
const CATEGORY = { name: 'category', api: 'category', label: 'Category' } as const satisfies DigaField;
const LEVEL = { name: 'level', api: 'level', label: 'Level' } as const satisfies DigaField;

/** `LogCategory` and `LogLevel`: the compiler checks that every value of the spec is here. */
const CATEGORIES: Record<DigaSchemas['LogCategory'], string> = {
	CALL_LIFECYCLE: 'Call Lifecycle', USER: 'User', AGENT: 'Agent', CALL_TOOLS: 'Call Tools', INTEGRATION_TOOLS: 'Integration Tools',
	CONVERSATIONAL_PATHS: 'Conversational Paths', TRANSFER: 'Transfer', METRICS: 'Metrics', SECURITY: 'Security', WEBHOOKS: 'Webhooks',
	WORKFLOWS: 'Workflows', KNOWLEDGE: 'Knowledge', REALTIME_SESSION: 'Realtime Session',
};
const LEVELS: Record<DigaSchemas['LogLevel'], string> = { DEBUG: 'Debug', INFO: 'Info', WARNING: 'Warning', ERROR: 'Error', CRITICAL: 'Critical' };

const properties: INodeProperties[] = [
	callIdProperty,
	...returnAllOrLimit,
	filtersCollection([
		{ displayName: CATEGORY.label, name: CATEGORY.name, type: 'options', default: 'CALL_TOOLS', description: 'Only events of this kind', options: namedChoices(CATEGORIES) },
		{ displayName: LEVEL.label, name: LEVEL.name, type: 'options', default: 'ERROR', description: 'Only events of exactly this severity', options: namedChoices(LEVELS) },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getLogs'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<DigaCallLog[]> {
	const callId = readCallId(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// Oldest first: the log reads in the order the call went.
	const qs: IDataObject = { order: 'asc', category: filters[CATEGORY.name], level: filters[LEVEL.name] };
	return await readList<DigaCallLog>(run.client, `/v1/log/call/${callId}`, qs, limit, {
		itemIndex,
		fields: [{ ...CALL_ID, api: 'call_id' }, CATEGORY, LEVEL],
		notFound: { default: `Diga could not find call ${callId} in this account` },
	});
}
