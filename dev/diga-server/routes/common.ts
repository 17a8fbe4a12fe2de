import type { AgentRecord, PhoneRecord } from '../fixtures';
import { paginate } from '../pagination';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface ServerState {
	phones: PhoneRecord[];
	agents: AgentRecord[];
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PHONE_STATUSES = ['reserved', 'pending_verification', 'assigned', 'released', 'finished'];

export const digaError = (status: number, error_code: string, message: string): Reply => ({
	status,
	body: { status: 'error', error_code, message },
});

export const invalid = (loc: Array<string | number>, msg: string, type: string) => ({ loc, msg, type });
export const unprocessable = (detail: unknown[]): Reply => ({ status: 422, body: { detail } });

export function uuidProblem(where: 'path' | 'query' | 'body', name: string, value: unknown) {
	return typeof value === 'string' && UUID.test(value)
		? undefined
		: invalid([where, name], 'Input should be a valid UUID', 'uuid_parsing');
}

/** A page of `records` as Diga's list endpoints answer it (cursor `after`, `limit`). */
export function listPage<T>(records: T[], idOf: (record: T) => string, query: Record<string, string>, defaultLimit: number): Reply {
	const page = paginate(records, idOf, query, defaultLimit);
	return { status: page.ok ? 200 : page.status, body: page.body };
}

/** The handler of one resource (`/v1/<resource>/...`): `undefined` when no route matches. */
export type ResourceRoutes = (
	state: ServerState,
	method: string,
	parts: string[],
	query: Record<string, string>,
	body: unknown,
) => Reply | undefined;
