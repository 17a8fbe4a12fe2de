import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { parseDigaTime } from '../vocabulary/digaTime';
import type { DigaCall } from '../transport/types';

/**
 * The call events, one entry each: the Event option, what it means, the queries of Fetch Test
 * Event, and when it happened. Each emits the call exactly as Diga returns it (`CallResponse`, the
 * body of `GET /v1/call/{id}`), whichever trigger saw it (polling or webhook), so workflows need not
 * change when they switch. What fires when, once per (call, event), is callWatch.ts.
 */
export type CallEvent = 'callFinished' | 'newCall' | 'statusChanged';

/** One `GET /v1/call/` query of Fetch Test Event (newest first) and how many calls it reads. */
export interface TestQuery {
	qs: IDataObject;
	limit: number;
}

export interface CallEventDefinition {
	/** The Event option (its value is the saved parameter: never rename it). */
	option: INodePropertyOptions & { value: CallEvent };
	/** Whether this call, as Diga shows it now, has had the event. */
	happened(call: DigaCall): boolean;
	/** When it happened (ms), for ordering a poll's items; `undefined` when Diga's date is unreadable. */
	time(call: DigaCall): number | undefined;
	/**
	 * Fetch Test Event: the queries tried in turn; the first call any of them lists that `happened`
	 * is the test event. Every query fits the spec, so each is bounded by its `limit`.
	 */
	testQueries: TestQuery[];
}

/** The statuses of a call that has not ended; any other status (also one Diga adds later) means it has. */
export const UNFINISHED: readonly string[] = ['dialing', 'in_queue', 'in_progress'];

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
		// The spec's status filter knows one ended status (`completed`), Diga's documentation more: the
		// newest 100 calls are read and the newest ended one wins; failing that, the newest `completed`.
		testQueries: [
			{ qs: {}, limit: 100 },
			{ qs: { status: 'completed' }, limit: 1 },
		],
	},
	newCall: {
		option: { name: 'New Call', value: 'newCall', description: 'Diga created a call, inbound or outbound' },
		happened: () => true,
		time: (call) => parseDigaTime(call.created_date),
		testQueries: [{ qs: {}, limit: 1 }],
	},
	statusChanged: {
		option: {
			name: 'Status Changed',
			value: 'statusChanged',
			description: 'A call reached a status it had not had before (each status of a call once)',
		},
		happened: () => true,
		time: (call) => parseDigaTime(call.end_time) ?? parseDigaTime(call.start_time) ?? parseDigaTime(call.created_date),
		testQueries: [{ qs: {}, limit: 1 }],
	},
};

/** The events the polling Diga Trigger offers (a poll sees a call's status only once a poll, so not Status Changed). */
export const POLL_EVENTS: readonly CallEvent[] = ['callFinished', 'newCall'];

/** The Event options of a trigger offering `events`. */
export const eventOptions = (events: readonly CallEvent[]) => events.map((event) => CALL_EVENTS[event].option);

export const EVENT_OPTIONS = eventOptions(POLL_EVENTS);

/** A trigger's subtitle: the chosen event's option name, as an expression built from its options. */
export const eventSubtitle = (options: INodePropertyOptions[]) =>
	`={{ ${options.map((option) => `$parameter["event"] === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : `).join('')}"" }}`;

export const EVENT_SUBTITLE = eventSubtitle(EVENT_OPTIONS);

/** Fetch Test Event's answer: the first call of `listed` (newest first) that had the event. */
export const testEventOf = (event: CallEvent, listed: DigaCall[]): DigaCall | undefined => listed.find(CALL_EVENTS[event].happened);
