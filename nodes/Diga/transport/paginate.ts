import type { IDataObject } from 'n8n-workflow';

import { PAGE_FIELDS } from '../vocabulary/fields';
import type { DigaClient } from './client';
import type { ErrorContext } from './errors';
import { paginationError, unexpectedBodyError } from './errors';
import type { DigaSchemas } from './types';
import { isRecord } from './types';

/** The largest page Diga serves (`limit` maximum in the spec). */
export const MAX_PAGE_SIZE = 100;

/** The largest page `GET /v1/voice/` and `/v1/voice/favourite` serve (their `limit` maximum is 50). */
export const VOICE_PAGE_SIZE = 50;

/** The largest page `GET /v1/project/` serves (its `limit` maximum is 50). */
export const PROJECT_PAGE_SIZE = 50;

/**
 * Pages one call may read: 100 000 records at 100 a page, far more than any Diga account holds
 * (lines, agents, versions). A list still going on after that is a server that pages forever.
 */
export const MAX_PAGES_PER_CALL = 1000;

/** The fields that identify a record of Diga's lists, in order of preference. */
export const ID_FIELDS = ['id', 'version_id', 'agent_id'];

function recordKey(record: IDataObject): string {
	for (const field of ID_FIELDS) {
		if (typeof record[field] === 'string') return `${field}:${record[field] as string}`;
	}
	return JSON.stringify(record);
}

/** Diga's list envelope (`PaginatedResponse_*` in the spec), for any record type. */
export type DigaPage<T> = Omit<DigaSchemas['PaginatedResponse_PhoneRegisterResponseSchema_'], 'data'> & { data: T[] };

/** One page of a list endpoint, following Diga's cursor (`after` = previous `last_id`), checked to be a list of records. */
export async function readPage<T>(
	client: DigaClient,
	path: string,
	qs: IDataObject,
	after?: string,
	pageSize = MAX_PAGE_SIZE,
	errorContext: ErrorContext = {},
): Promise<DigaPage<T>> {
	const page = await client.request<DigaPage<T>>(
		{ method: 'GET', path, qs: { ...qs, limit: pageSize, after } },
		{ ...errorContext, fields: [...(errorContext.fields ?? []), ...PAGE_FIELDS] },
	);
	if (!page || typeof page !== 'object' || !Array.isArray(page.data)) {
		throw unexpectedBodyError(client.node, 'a list page', page, errorContext.itemIndex);
	}
	const odd = page.data.findIndex((entry) => !isRecord(entry));
	if (odd >= 0) {
		throw unexpectedBodyError(client.node, 'a list of records', page, errorContext.itemIndex, 200, `Entry ${odd} of "data" is ${JSON.stringify(page.data[odd])}, not a record.`);
	}
	return page;
}

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	errorContext?: ErrorContext;
}

/**
 * Reads a Diga list page by page, following its cursor (`after` = the previous `last_id`), and
 * refuses every way a server can make that loop endless or its result wrong: a cursor seen
 * before, a page with no record not seen before, `has_more` without `last_id`, or more pages
 * than MAX_PAGES_PER_CALL. Each ends in an error naming the endpoint; nothing is cut silently.
 */
export class PageReader<T extends IDataObject> {
	private readonly cursors = new Set<string>();
	private readonly keys = new Set<string>();
	private pages = 0;

	constructor(
		private readonly client: DigaClient,
		private readonly list: ListRequest,
	) {}

	/** The page after `after` (the first page without it): its records and the next cursor, if any. */
	async next(after: string | undefined, size = MAX_PAGE_SIZE): Promise<{ records: T[]; next?: string }> {
		const fail = (what: string) => paginationError(this.client.node, this.list.path, what, this.list.errorContext);
		if (this.pages >= MAX_PAGES_PER_CALL) {
			throw fail(`it still had more after ${MAX_PAGES_PER_CALL} pages (${MAX_PAGES_PER_CALL * MAX_PAGE_SIZE} records at most), the most one call reads`);
		}
		this.pages++;
		if (after !== undefined) this.cursors.add(after);

		const page = await readPage<T>(this.client, this.list.path, this.list.qs ?? {}, after, size, this.list.errorContext);
		const fresh = page.data.filter((record) => {
			const key = recordKey(record);
			if (this.keys.has(key)) return false;
			this.keys.add(key);
			return true;
		});
		const number = `page ${this.pages}`;
		if (page.has_more) {
			if (typeof page.last_id !== 'string' || page.last_id === '') {
				throw fail(`${number} says has_more but gives no last_id to continue from`);
			}
			if (this.cursors.has(page.last_id)) {
				throw fail(`${number} repeats the cursor ${page.last_id}, already read (has_more stays true)`);
			}
		}
		if (fresh.length === 0 && (page.has_more || page.data.length > 0)) {
			throw fail(`${number} brings no record that earlier pages did not already bring`);
		}
		return { records: page.data, next: page.has_more ? (page.last_id as string) : undefined };
	}
}

/**
 * Every record of a list, or the first `limit`. Pages are `min(100, remaining)` long,
 * so `limit` never fetches more than it returns and Return All costs ceil(total / 100) calls.
 */
export async function readList<T extends IDataObject>(
	client: DigaClient,
	path: string,
	qs: IDataObject = {},
	limit?: number,
	errorContext: ErrorContext = {},
	/** The endpoint's own `limit` maximum where it is below 100 (voices: 50). */
	maxPageSize = MAX_PAGE_SIZE,
): Promise<T[]> {
	const reader = new PageReader<T>(client, { path, qs, errorContext });
	const results: T[] = [];
	let after: string | undefined;
	for (;;) {
		const remaining = limit === undefined ? maxPageSize : limit - results.length;
		if (remaining <= 0) break;
		const { records, next } = await reader.next(after, Math.min(maxPageSize, remaining));
		results.push(...records);
		if (!next || records.length === 0) break;
		after = next;
	}
	return limit === undefined ? results : results.slice(0, limit);
}
