import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { parseDigaTime } from '../vocabulary/digaTime';
import type { DigaCall } from '../transport/types';

/**
 * The trigger's events, one entry each: the Event option, what it means, the query of Fetch Test
 * Event, and when it happened. Each emits the call exactly as Diga returns it (`CallResponse`, the
 * body of `GET /v1/call/{id}`): a webhook trigger, once Diga documents how its deliveries are
 * signed, can emit the same items for the same events, so workflows need not change.
 */
export type CallEvent = 'callFinished' | 'newCall';

export interface CallEventDefinition {
	/** The Event option (its value is the saved parameter: never rename it). */
	option: INodePropertyOptions & { value: CallEvent };
	/** Whether this call, as Diga shows it now, has had the event. */
	happened(call: DigaCall): boolean;
	/** When it happened (ms), for ordering a poll's items; `undefined` when Diga's date is unreadable. */
	time(call: DigaCall): number | undefined;
	/** Fetch Test Event: extra `GET /v1/call/` query for the most recent call that had the event. */
	testQuery: IDataObject;
}

/** The statuses of a call that has not ended; any other status (also one Diga adds later) means it has. */
const UNFINISHED: readonly string[] = ['dialing', 'in_queue', 'in_progress'];

export const isFinished = (call: DigaCall): boolean => !UNFINISHED.includes(call.status);

export const CALL_EVENTS: Record<CallEvent, CallEventDefinition> = {
	callFinished: {
		option: {
			name: 'Call Finished',
			value: 'callFinished',
			description: 'A call ended, however it ended: any status other than dialing, in queue or in progress',
		},
		happened: isFinished,
		time: (call) => parseDigaTime(call.end_time) ?? parseDigaTime(call.created_date),
		// The spec's status filter knows one ended status: the test event is the latest `completed` call.
		testQuery: { status: 'completed' },
	},
	newCall: {
		option: { name: 'New Call', value: 'newCall', description: 'Diga created a call, inbound or outbound' },
		happened: () => true,
		time: (call) => parseDigaTime(call.created_date),
		testQuery: {},
	},
};

export const EVENT_OPTIONS = Object.values(CALL_EVENTS).map((event) => event.option);

/** The node's subtitle: the chosen event's option name, as an expression built from the options above. */
export const EVENT_SUBTITLE = `={{ ${EVENT_OPTIONS.map((option) => `$parameter["event"] === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : `).join('')}"" }}`;
