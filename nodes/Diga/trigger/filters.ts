import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { LocatorValue } from '../helpers/input';
import { locatorValue, requireUuid } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import type { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';

/** The Filters collection both Diga triggers share (Phone, Agent, Direction). */
export interface TriggerFilters {
	phoneId?: unknown;
	agentId?: unknown;
	direction?: string;
}

/** How a Phone filter given by number becomes an id: by default one look-up in Diga's phone list. */
export type PhoneResolver = (phone: LocatorValue) => Promise<string>;

/** The filters as `GET /v1/call/` query parameters (`phone_id`, `agent_id`, `type`); a phone given by number is looked up. */
export async function readCallQuery(
	context: IPollFunctions | IWebhookFunctions | IHookFunctions,
	client: DigaClient,
	resolvePhone: PhoneResolver = async (phone) => await phoneIdOfLocator(context, new PhoneDirectory(client), phone, 'Phone'),
): Promise<IDataObject> {
	const filters = context.getNodeParameter('filters', {}) as TriggerFilters;
	const qs: IDataObject = {};
	if (filters.phoneId) qs.phone_id = await resolvePhone(locatorValue(filters.phoneId));
	if (filters.agentId) qs.agent_id = requireUuid(context, locatorValue(filters.agentId).value, 'Agent');
	if (filters.direction) qs.type = filters.direction;
	return qs;
}

/** Whether a call passes the filters `readCallQuery` made, as Diga's list would filter it. */
export function matchesQuery(call: DigaCall, qs: IDataObject): boolean {
	return (
		(qs.phone_id === undefined || call.phone_register_id === qs.phone_id) &&
		(qs.agent_id === undefined || call.agent_id === qs.agent_id) &&
		(qs.type === undefined || call.type === qs.type)
	);
}
