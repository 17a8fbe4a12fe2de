import { randomUUID } from 'node:crypto';

import type { CallRecord } from '../fixtures';
import { pythonTime, readTime } from '../fixtures';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, uuidProblem } from './common';
import { liveCallStream } from './insight';

const CALL_STATUSES = ['dialing', 'in_queue', 'in_progress', 'completed'];
const CALL_TYPES = ['inbound', 'outbound'];
const E164 = /^\+[1-9]\d{6,14}$/;

const enumProblem = (name: string, value: string | undefined, allowed: string[]) =>
	value !== undefined && !allowed.includes(value)
		? invalid(['query', name], `Input should be ${allowed.map((s) => `'${s}'`).join(' or ')}`, 'enum')
		: undefined;

function listCalls(state: ServerState, query: Record<string, string>): Reply {
	const problems = [
		...(['agent_id', 'contact_id', 'phone_id'] as const).map((name) =>
			query[name] !== undefined ? uuidProblem('query', name, query[name]) : undefined,
		),
		enumProblem('status', query.status, CALL_STATUSES),
		enumProblem('type', query.type, CALL_TYPES),
		...(['start_created_date', 'end_created_date'] as const).map((name) =>
			query[name] !== undefined && Number.isNaN(readTime(query[name]))
				? invalid(['query', name], 'Input should be a valid datetime', 'datetime_parsing')
				: undefined,
		),
	].filter(Boolean);
	if (problems.length) return unprocessable(problems);

	// Diga compares date-times as Python does: one without an offset is UTC.
	const from = query.start_created_date ? readTime(query.start_created_date) : undefined;
	const to = query.end_created_date ? readTime(query.end_created_date) : undefined;
	// Each date read once (a benchmark lists tens of thousands of calls).
	const calls = state.calls
		.map((call) => ({ call, created: readTime(call.created_date) }))
		.filter(({ call, created }) => (
			(!query.agent_id || call.agent_id === query.agent_id) &&
			(!query.status || call.status === query.status) &&
			(!query.type || call.type === query.type) &&
			(!query.contact_id || call.contact.id === query.contact_id) &&
			(!query.phone_id || call.phone_register_id === query.phone_id) &&
			(from === undefined || created >= from) &&
			(to === undefined || created <= to)
		))
		// Oldest first, as the fixtures are listed; the list answers newest first unless `order=asc`.
		.sort((a, b) => a.created - b.created)
		.map(({ call }) => call);
	return listPage(calls, (call) => call.id, query, 50);
}

/** `POST /v1/call/`: the checks Diga documents (404, 400 non-Spanish, 403 unverified, 412 no SIP), then a dialing call. */
function makeCall(state: ServerState, body: unknown): Reply {
	const request = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
	const problems = [];
	for (const field of ['from_number', 'to_number']) {
		if (typeof request[field] !== 'string') problems.push(invalid(['body', field], 'Field required', 'missing'));
	}
	if (request.agent_version_id !== undefined && request.agent_version_id !== null) {
		const problem = uuidProblem('body', 'agent_version_id', request.agent_version_id);
		if (problem) problems.push(problem);
	}
	const variables = request.dynamic_variables;
	if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
		problems.push(invalid(['body', 'dynamic_variables'], 'Input should be a valid dictionary', 'dict_type'));
	}
	if (problems.length) return unprocessable(problems);

	const from = String(request.from_number);
	const to = String(request.to_number);
	const phone = state.phones.find((p) => p.id === from.toLowerCase() || p.number === from);
	if (!phone) return digaError(404, 'PHONE_NUMBER_NOT_FOUND', `Phone number ${from} not found`);
	if (!E164.test(to) || !to.startsWith('+34')) {
		return digaError(400, 'NON_SPANISH_PHONE_NUMBER', `Phone number ${to} is not a Spanish phone number`);
	}
	if (phone.status !== 'assigned') {
		return digaError(403, 'INTERNAL_SERVER_ERROR', `Phone number ${phone.number} is not verified`);
	}
	// The spec says only "SIP configuration not set for this project"; here: a custom line without one.
	if (phone.telephony_provider === 'custom' && !phone.sip_config) {
		return digaError(412, 'SIP_CONFIG_NOT_SET', 'SIP configuration not set for this project');
	}
	const versionId = typeof request.agent_version_id === 'string' ? request.agent_version_id : undefined;
	const agent = versionId
		? state.agents.find((a) => a.versions.some((v) => v.version_id === versionId))
		: state.agents.find((a) => a.agent_id === phone.outbound_agent_id);
	if (versionId && !agent) return digaError(404, 'AGENT_VERSION_NOT_FOUND', `Agent version ${versionId} not found`);
	const now = pythonTime(Date.now(), state.naiveTimes);
	const call: CallRecord = {
		id: randomUUID(),
		agent_id: agent?.agent_id ?? null,
		agent_version_id: versionId ?? agent?.versions.find((v) => v.is_published)?.version_id ?? null,
		status: 'dialing',
		recording_url: null,
		start_time: null,
		end_time: null,
		duration: null,
		type: 'outbound',
		end_reason: null,
		contact: { id: randomUUID(), created_date: now, identifier: to, contact_type: 'call' },
		phone_register_id: phone.id,
		dynamic_variables: (variables as Record<string, unknown> | null | undefined) ?? null,
		created_date: now,
	};
	state.calls.push(call);
	return { status: 201, body: call };
}

/** The call statuses Diga counts as terminal: the only calls `bulk-delete` deletes. */
const TERMINAL = ['completed'];

/** `POST /v1/call/bulk-delete` (`BulkDeleteCallRequest` → `BulkDeleteCallResponse`): deletes the terminal calls named, and their messages. */
function bulkDelete(state: ServerState, body: unknown): Reply {
	const ids = (body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).call_ids : undefined) as unknown;
	if (!Array.isArray(ids)) return unprocessable([invalid(['body', 'call_ids'], 'Field required', 'missing')]);
	if (ids.length < 1) return unprocessable([invalid(['body', 'call_ids'], 'List should have at least 1 item after validation, not 0', 'too_short')]);
	if (ids.length > 500) return unprocessable([invalid(['body', 'call_ids'], `List should have at most 500 items after validation, not ${ids.length}`, 'too_long')]);
	const problems = ids.map((id, i) => uuidProblem('body', 'call_ids', id) && invalid(['body', 'call_ids', i], 'Input should be a valid UUID', 'uuid_parsing')).filter(Boolean);
	if (problems.length) return unprocessable(problems);
	const wanted = new Set(ids.map((id) => String(id).toLowerCase()));
	const doomed = state.calls.filter((call) => wanted.has(call.id) && TERMINAL.includes(call.status));
	state.calls = state.calls.filter((call) => !doomed.includes(call));
	for (const call of doomed) delete state.messages[call.id];
	return { status: 200, body: { deleted: doomed.length } };
}

/** `/v1/call/...` */
export const callRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (parts.join('/') === 'concurrency/stream') return method === 'GET' ? liveCallStream(state) : undefined;
	if (parts.length === 1 && parts[0] === 'bulk-delete') return method === 'POST' ? bulkDelete(state, body) : undefined;
	if (parts.length === 0) {
		if (method === 'GET') return listCalls(state, query);
		if (method === 'POST') return makeCall(state, body);
		return undefined;
	}
	if (method !== 'GET' || parts.length > 2 || (parts.length === 2 && parts[1] !== 'message')) return undefined;
	const problem = uuidProblem('path', 'id', parts[0]);
	if (problem) return unprocessable([problem]);
	const id = parts[0].toLowerCase();
	if (parts.length === 2) {
		const messages = state.messages[id] ?? [];
		if (messages.length === 0) return digaError(404, 'NO_MESSAGES_FOR_CALL', `No messages found for call ${id}`);
		return listPage(messages, (message) => message.id, query, 100);
	}
	const call = state.calls.find((c) => c.id === id);
	return call ? { status: 200, body: call } : digaError(404, 'CALL_NOT_FOUND', `Call ${id} not found`);
};
