import type { PhoneRecord } from '../fixtures';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, PHONE_STATUSES, unprocessable, unprocessableAs, uuidProblem } from './common';

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

function updatePhone(state: ServerState, phone: PhoneRecord, body: unknown): Reply {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return unprocessable([invalid(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')]);
	}
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
	// The spec is silent on what null does; this server unassigns, and the README says so.
	if ('inbound_version_id' in update) {
		phone.inbound_agent_id = update.inbound_version_id ? agentOf(update.inbound_version_id as string)!.agent_id : null;
	}
	if ('outbound_version_id' in update) {
		phone.outbound_agent_id = update.outbound_version_id ? agentOf(update.outbound_version_id as string)!.agent_id : null;
	}
	return { status: 200, body: phone };
}

/** `/v1/phone/...` */
export const phoneRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (parts.length === 0 && method === 'GET') return listPhones(state, query);
	if (parts.length !== 1) return undefined;
	const problem = uuidProblem('path', 'phone_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const phone = state.phones.find((p) => p.id === parts[0].toLowerCase());
	if (method !== 'GET' && method !== 'PATCH') return undefined;
	if (!phone) return digaError(404, 'PHONE_NOT_FOUND', `Phone ${parts[0]} not found`);
	return method === 'GET' ? { status: 200, body: phone } : updatePhone(state, phone, body);
};
