import type { DigaCall } from '../transport/types';

/**
 * The trigger's events. Each emits the call exactly as Diga returns it (`CallResponse`, the
 * body of `GET /v1/call/{id}`): a webhook trigger, once Diga documents how its deliveries are
 * signed, can emit the same items for the same events, so workflows need not change.
 */
export type CallEvent = 'callFinished' | 'newCall';

export interface CallEventDefinition {
	/** Whether this call, as Diga shows it now, has had the event. */
	happened(call: DigaCall): boolean;
	/** When it happened, for ordering a poll's items. */
	time(call: DigaCall): string;
}

export const CALL_EVENTS: Record<CallEvent, CallEventDefinition> = {
	// `completed` is Diga's one terminal status: answered, refused, unanswered or failed (see `end_reason`).
	callFinished: { happened: (call) => call.status === 'completed', time: (call) => call.end_time ?? call.created_date },
	newCall: { happened: () => true, time: (call) => call.created_date },
};
