/** Diga's list pagination as the spec describes it: `after`/`before` cursors, or `page`; `limit` 1..100. */

export interface ListQuery {
	after?: string;
	before?: string;
	page?: string;
	limit?: string;
	order?: string;
}

export type PageResult<T> =
	| { ok: true; body: { data: T[]; has_more: boolean; first_id: string | null; last_id: string | null; current_page: number | null; total_pages: number | null } }
	| { ok: false; status: number; body: unknown };

const fastApiError = (loc: string, msg: string, type: string) => ({
	ok: false as const,
	status: 422,
	body: { detail: [{ loc: ['query', loc], msg, type }] },
});

export function paginate<T>(all: T[], idOf: (item: T) => string, query: ListQuery, defaultLimit: number): PageResult<T> {
	const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
	if (!Number.isInteger(limit)) return fastApiError('limit', 'Input should be a valid integer', 'int_parsing');
	if (limit > 100) return fastApiError('limit', 'Input should be less than or equal to 100', 'less_than_equal');
	if (limit < 1) return fastApiError('limit', 'Input should be greater than or equal to 1', 'greater_than_equal');
	if (query.order !== undefined && !['asc', 'desc'].includes(query.order)) {
		return fastApiError('order', "Input should be 'asc' or 'desc'", 'enum');
	}
	if (query.after && query.before) {
		return {
			ok: false,
			status: 422,
			body: {
				status: 'error',
				error_code: 'INVALID_PAGINATION_PARAMETERS',
				message: "Cannot specify both 'before' and 'after' parameters",
			},
		};
	}
	// Newest first unless asked otherwise; the fixtures are listed oldest first.
	const ordered = query.order === 'asc' ? [...all] : [...all].reverse();

	let start = 0;
	let end: number;
	let currentPage: number | null = null;
	let totalPages: number | null = null;
	if (query.page !== undefined) {
		const page = Number(query.page);
		if (!Number.isInteger(page) || page < 1) {
			return fastApiError('page', 'Input should be greater than or equal to 1', 'greater_than_equal');
		}
		start = (page - 1) * limit;
		end = start + limit;
		currentPage = page;
		totalPages = Math.max(1, Math.ceil(ordered.length / limit));
	} else if (query.before) {
		const index = ordered.findIndex((item) => idOf(item) === query.before);
		end = index < 0 ? 0 : index;
		start = Math.max(0, end - limit);
	} else {
		if (query.after) {
			const index = ordered.findIndex((item) => idOf(item) === query.after);
			start = index < 0 ? ordered.length : index + 1;
		}
		end = start + limit;
	}
	const data = ordered.slice(start, end);
	return {
		ok: true,
		body: {
			data,
			has_more: query.before ? start > 0 : end < ordered.length,
			first_id: data.length ? idOf(data[0]) : null,
			last_id: data.length ? idOf(data[data.length - 1]) : null,
			current_page: currentPage,
			total_pages: totalPages,
		},
	};
}
