import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { callDirection } from '../descriptions/callFilters';
import { filtersCollection } from '../descriptions/pagination';
import { agentLocator, phoneFieldLocator } from '../descriptions/resourceLocators';

/** The Event option and the Filters collection (Phone, Agent, Direction) both Diga triggers show. */
export const triggerProperties = (events: INodePropertyOptions[]): INodeProperties[] => [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'callFinished',
		options: events,
	},
	filtersCollection([
		agentLocator({ name: 'agentId', label: 'Agent' }, 'Only calls this agent handles'),
		callDirection({ name: 'direction', label: 'Direction' }),
		phoneFieldLocator({ name: 'phoneId', label: 'Phone' }, 'Only calls on this phone number'),
	]),
];
