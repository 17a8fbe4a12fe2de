import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, unprocessableAs, uuidProblem } from './common';

const LOG_CATEGORIES = ['CALL_LIFECYCLE', 'USER', 'AGENT', 'CALL_TOOLS', 'INTEGRATION_TOOLS', 'CONVERSATIONAL_PATHS', 'TRANSFER', 'METRICS', 'SECURITY', 'WEBHOOKS', 'WORKFLOWS', 'KNOWLEDGE', 'REALTIME_SESSION'];
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/** The call id of `/v1/{log|trace}/call/{call_id}`, or the reply that refuses it. */
function callIdOf(state: ServerState, method: string, parts: string[]): { id: string } | { reply: Reply } | undefined {
	if (method !== 'GET' || parts.length !== 2 || parts[0] !== 'call') return undefined;
	const problem = uuidProblem('path', 'call_id', parts[1]);
	if (problem) return { reply: unprocessable([problem]) };
	const id = parts[1].toLowerCase();
	if (!state.calls.some((call) => call.id === id)) return { reply: digaError(404, 'CALL_NOT_FOUND', 'Call not found') };
	return { id };
}

/** `GET /v1/log/call/{call_id}`: the call's customer-visible logs, filtered by `category` and `level`. */
export const logRoutes: ResourceRoutes = (state, method, parts, query) => {
	const call = callIdOf(state, method, parts);
	if (!call || 'reply' in call) return call?.reply;
	const problems = [
		query.category !== undefined && !LOG_CATEGORIES.includes(query.category) ? invalid(['query', 'category'], 'Input should be a valid LogCategory', 'enum') : undefined,
		query.level !== undefined && !LOG_LEVELS.includes(query.level) ? invalid(['query', 'level'], 'Input should be a valid LogLevel', 'enum') : undefined,
	].filter(Boolean);
	if (problems.length) return unprocessableAs('diga', unprocessable(problems));
	const logs = (state.callLogs[call.id] ?? []).filter((log) => (!query.category || log.category === query.category) && (!query.level || log.level === query.level));
	return listPage(logs, (log) => log.id, query, 100, 'diga');
};

/** `GET /v1/trace/call/{call_id}`: the call's trace, or 404 TRACE_NOT_FOUND. */
export const traceRoutes: ResourceRoutes = (state, method, parts) => {
	const call = callIdOf(state, method, parts);
	if (!call || 'reply' in call) return call?.reply;
	const trace = state.traces[call.id];
	return trace ? { status: 200, body: trace } : digaError(404, 'TRACE_NOT_FOUND', 'Trace not found');
};

/** Calls that hold a slot: not yet ended. */
const LIVE = ['dialing', 'in_queue', 'in_progress'];

/** `GET /v1/call/concurrency/stream`: `data: {"active_calls": N}` now and every second, as the spec describes it. */
export function liveCallStream(state: ServerState): Reply {
	const { silent = false, keepaliveFirst = false } = state.liveCallStream ?? {};
	return {
		status: 200,
		stream: {
			silent,
			intervalMs: 1000,
			next: () => `${keepaliveFirst ? ': keepalive\n\n' : ''}data: ${JSON.stringify({ active_calls: state.calls.filter((call) => LIVE.includes(call.status)).length })}\n\n`,
		},
	};
}
