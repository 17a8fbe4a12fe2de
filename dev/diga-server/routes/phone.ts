import { randomUUID } from 'node:crypto';

import type { PhoneRecord } from '../fixtures';
import { makePhone } from '../fixtures';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, PHONE_STATUSES, unprocessable, unprocessableAs, uuidProblem } from './common';
import { applySip, sipProblems } from './sip';

function listPhones(state: ServerState, query: Record<string, string>): Reply {
	const problems = [
		query.inbound_agent_id !== undefined ? uuidProblem('query', 'inbound_agent_id', query.inbound_agent_id) : undefined,
		query.outbound_agent_id !== undefined ? uuidProblem('query', 'outbound_agent_id', query.outbound_agent_id) : undefined,
		query.status !== undefined && !PHONE_STATUSES.includes(query.status)
			? invalid(['query', 'status'], `Input should be ${PHONE_STATUSES.map((s) => `'${s}'`).join(', ')}`, 'enum')
			: undefined,
		...(['start_assigned_at', 'end_assigned_at'] as const).map((name) =>
			query[name] !== undefined && Number.isNaN(Date.parse(query[name]))
				? invalid(['query', name], 'Input should be a valid datetime', 'datetime_parsing')
				: undefined,
		),
	].filter(Boolean);
	if (problems.length) return unprocessableAs('diga', unprocessable(problems));

	const from = query.start_assigned_at ? Date.parse(query.start_assigned_at) : undefined;
	const to = query.end_assigned_at ? Date.parse(query.end_assigned_at) : undefined;
	const phones = state.phones.filter((phone) => {
		const assigned = phone.assigned_at ? Date.parse(phone.assigned_at) : undefined;
		return (
			(!query.status || phone.status === query.status) &&
			(!query.inbound_agent_id || phone.inbound_agent_id === query.inbound_agent_id) &&
			(!query.outbound_agent_id || phone.outbound_agent_id === query.outbound_agent_id) &&
			(from === undefined || (assigned !== undefined && assigned >= from)) &&
			(to === undefined || (assigned !== undefined && assigned <= to))
		);
	});
	return listPage(phones, (phone) => phone.id, query, 20, 'diga');
}

const notAnObject = () =>
	unprocessable([invalid(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')]);

function updatePhone(state: ServerState, phone: PhoneRecord, body: unknown): Reply {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return notAnObject();
	const update = body as Record<string, unknown>;
	const problems = [];
	if ('nickname' in update && update.nickname !== null && typeof update.nickname !== 'string') {
		problems.push(invalid(['body', 'nickname'], 'Input should be a valid string', 'string_type'));
	}
	for (const field of ['inbound_version_id', 'outbound_version_id']) {
		if (field in update && update[field] !== null) {
			const problem = uuidProblem('body', field, update[field]);
			if (problem) problems.push(problem);
		}
	}
	if (problems.length) return unprocessable(problems);

	const agentOf = (versionId: string) => state.agents.find((a) => a.versions.some((v) => v.version_id === versionId));
	for (const field of ['inbound_version_id', 'outbound_version_id']) {
		const versionId = update[field];
		if (typeof versionId === 'string' && !agentOf(versionId)) {
			return digaError(404, 'AGENT_VERSION_NOT_FOUND', `Agent version ${versionId} not found`);
		}
	}
	if ('nickname' in update) phone.nickname = update.nickname as string | null;
	// The spec is silent on what null does; this server unassigns, and docs/spec-gaps.md says so.
	if ('inbound_version_id' in update) {
		phone.inbound_agent_id = update.inbound_version_id ? agentOf(update.inbound_version_id as string)!.agent_id : null;
	}
	if ('outbound_version_id' in update) {
		phone.outbound_agent_id = update.outbound_version_id ? agentOf(update.outbound_version_id as string)!.agent_id : null;
	}
	return { status: 200, body: phone };
}

/** `POST /v1/phone/import`: a custom (imported) number, assigned at once. */
function importPhone(state: ServerState, body: unknown): Reply {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return notAnObject();
	const request = body as Record<string, unknown>;
	const number = request.phone_number;
	const problems = sipProblems(request, true);
	if (number === undefined) problems.unshift(invalid(['body', 'phone_number'], 'Field required', 'missing'));
	else if (typeof number !== 'string') problems.unshift(invalid(['body', 'phone_number'], 'Input should be a valid string', 'string_type'));
	else if (number.length < 1) problems.unshift(invalid(['body', 'phone_number'], 'String should have at least 1 character', 'string_too_short'));
	// This server's reading of "E.164 or SIP user identifier"; the spec gives no pattern.
	else if (!/^\+[1-9]\d{6,14}$/.test(number) && !/^[^@\s]+@[^@\s]+$/.test(number)) {
		problems.unshift(invalid(['body', 'phone_number'], 'Value error, not an E.164 number or a SIP user', 'value_error'));
	}
	if (request.nickname !== undefined && request.nickname !== null && typeof request.nickname !== 'string') {
		problems.push(invalid(['body', 'nickname'], 'Input should be a valid string', 'string_type'));
	}
	if (problems.length) return unprocessable(problems);

	const phone = makePhone(randomUUID(), number as string, (request.nickname as string | null | undefined) ?? null, {
		telephony_provider: 'custom',
		assigned_at: new Date().toISOString(),
		region_codes: [],
	});
	applySip(phone, request);
	state.phones.push(phone);
	return { status: 200, body: phone };
}

/** `DELETE /v1/phone/{id}`: imported numbers go at once, purchased ones at the end of the billing cycle. */
function releasePhone(state: ServerState, phone: PhoneRecord): Reply {
	if (phone.status === 'reserved' || phone.status === 'pending_verification') {
		// The spec documents no answer for this case; this server says it as Diga's other errors do.
		return digaError(400, 'BAD_PARAMETER', `Phone ${phone.id} is ${phone.status} and cannot be released`);
	}
	if (phone.telephony_provider === 'custom') {
		state.phones = state.phones.filter((p) => p !== phone);
	} else if (phone.status === 'assigned') {
		const now = new Date();
		phone.scheduled_release_at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
	}
	return { status: 204 };
}

/** `PATCH /v1/phone/{phone_id}/sip-config`: only imported numbers have a SIP trunk. */
function updateSip(phone: PhoneRecord, body: unknown): Reply {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return notAnObject();
	const problems = sipProblems(body as Record<string, unknown>, false);
	if (problems.length) return unprocessable(problems);
	if (phone.telephony_provider !== 'custom') {
		return digaError(400, 'BAD_PARAMETER', 'Only custom/imported phones can have their SIP config updated');
	}
	applySip(phone, body as Record<string, unknown>);
	return { status: 200, body: phone };
}

/** `/v1/phone/...` */
export const phoneRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (parts.length === 0 && method === 'GET') return listPhones(state, query);
	if (parts.length === 1 && parts[0] === 'import' && method === 'POST') return importPhone(state, body);
	const sipConfig = parts.length === 2 && parts[1] === 'sip-config';
	if (parts.length !== 1 && !sipConfig) return undefined;
	const problem = uuidProblem('path', method === 'DELETE' ? 'id' : 'phone_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const phone = state.phones.find((p) => p.id === parts[0].toLowerCase());
	const allowed = sipConfig ? ['PATCH'] : ['GET', 'PATCH', 'DELETE'];
	if (!allowed.includes(method)) return undefined;
	if (!phone) return digaError(404, 'PHONE_NOT_FOUND', `Phone ${parts[0]} not found`);
	if (sipConfig) return updateSip(phone, body);
	if (method === 'DELETE') return releasePhone(state, phone);
	return method === 'GET' ? { status: 200, body: phone } : updatePhone(state, phone, body);
};
