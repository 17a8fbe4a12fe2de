import { randomUUID } from 'node:crypto';

import type { KnowledgeBaseRecord, KnowledgeItemRecord } from '../knowledgeFixtures';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, uuidProblem } from './common';

/** What `POST /v1/knowledge/item/file` received, parsed by the server from its multipart form. */
export interface MultipartUpload {
	fields: Record<string, string>;
	files: Record<string, { filename: string; contentType: string; data: Buffer }>;
}

export const isMultipart = (body: unknown): body is { multipart: MultipartUpload } =>
	!!body && typeof body === 'object' && 'multipart' in body;

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body);
const notAnObject = () => unprocessable([invalid(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')]);
const missing = (...loc: string[]) => invalid(['body', ...loc], 'Field required', 'missing');
const notText = (...loc: string[]) => invalid(['body', ...loc], 'Input should be a valid string', 'string_type');

/** The item as the spec's `*KnowledgeItemResponse` of its category; `withContent`: a text item's text (GET by id). */
export function itemResponse(item: KnowledgeItemRecord, withContent = true) {
	const { content, url, ...common } = item;
	if (item.category === 'txt') return withContent ? { ...common, content: content ?? null } : common;
	return { ...common, url: url ?? '' };
}

function baseResponse(state: ServerState, base: KnowledgeBaseRecord) {
	const ids = state.knowledgeItems.filter((item) => item.knowledge_base_id === base.id).map((item) => item.id);
	const { agent_ids: _agents, ...rest } = base;
	return { ...rest, knowledge_item_ids: ids, item_count: ids.length };
}

/** `knowledge_item_ids` of a base create/update: the items are moved into the base, the others leave it. */
function itemIdsProblem(state: ServerState, ids: unknown): Reply | undefined {
	if (ids === undefined || ids === null) return undefined;
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return unprocessable([invalid(['body', 'knowledge_item_ids'], 'Input should be a valid list', 'list_type')]);
	const unknown = (ids as string[]).filter((id) => !state.knowledgeItems.some((item) => item.id === id.toLowerCase()));
	return unknown.length ? digaError(404, 'KNOWLEDGE_ITEM_NOT_FOUND', `Knowledge item ${unknown[0]} not found`) : undefined;
}

function setItems(state: ServerState, baseId: string, ids: string[]): void {
	const wanted = new Set(ids.map((id) => id.toLowerCase()));
	for (const item of state.knowledgeItems) {
		if (wanted.has(item.id)) item.knowledge_base_id = baseId;
		else if (item.knowledge_base_id === baseId) item.knowledge_base_id = null;
	}
}

function baseRoutes(state: ServerState, method: string, parts: string[], query: Record<string, string>, body: unknown): Reply | undefined {
	if (parts.length === 0) {
		if (method === 'GET') {
			if (query.agent_id !== undefined) {
				const problem = uuidProblem('query', 'agent_id', query.agent_id);
				if (problem) return unprocessable([{ ...problem, loc: ['query', 'agent_id'] }]);
			}
			const name = query.name?.toLowerCase();
			const bases = state.knowledgeBases
				.filter((base) => (!name || base.name.toLowerCase().includes(name)) && (!query.agent_id || base.agent_ids.includes(query.agent_id.toLowerCase())))
				.map((base) => baseResponse(state, base));
			return listPage(bases, (base) => base.id, query, 20);
		}
		if (method !== 'POST') return undefined;
		if (!isObject(body)) return notAnObject();
		if (typeof body.name !== 'string') return unprocessable([body.name === undefined ? missing('name') : notText('name')]);
		const problem = itemIdsProblem(state, body.knowledge_item_ids);
		if (problem) return problem;
		const base: KnowledgeBaseRecord = {
			id: randomUUID(),
			name: body.name,
			description: typeof body.description === 'string' ? body.description : null,
			created_date: new Date().toISOString(),
			agent_ids: [],
		};
		state.knowledgeBases.push(base);
		if (Array.isArray(body.knowledge_item_ids)) setItems(state, base.id, body.knowledge_item_ids as string[]);
		return { status: 200, body: baseResponse(state, base) };
	}
	if (parts.length !== 1) return undefined;
	const problem = uuidProblem('path', 'id', parts[0]);
	if (problem) return unprocessable([problem]);
	const base = state.knowledgeBases.find((b) => b.id === parts[0].toLowerCase());
	if (!base) return digaError(404, 'KNOWLEDGE_BASE_NOT_FOUND', `Knowledge base ${parts[0]} not found`);
	if (method === 'GET') return { status: 200, body: baseResponse(state, base) };
	if (method === 'PATCH') {
		if (!isObject(body)) return notAnObject();
		if (body.name !== undefined && typeof body.name !== 'string') return unprocessable([notText('name')]);
		const itemsProblem = itemIdsProblem(state, body.knowledge_item_ids);
		if (itemsProblem) return itemsProblem;
		if (typeof body.name === 'string') base.name = body.name;
		if (body.description !== undefined) base.description = (body.description as string | null) ?? null;
		if (Array.isArray(body.knowledge_item_ids)) setItems(state, base.id, body.knowledge_item_ids as string[]);
		return { status: 200, body: baseResponse(state, base) };
	}
	if (method === 'DELETE') {
		if (query.force !== undefined && !['true', 'false'].includes(query.force)) {
			return unprocessable([invalid(['query', 'force'], 'Input should be a valid boolean', 'bool_parsing')]);
		}
		const items = state.knowledgeItems.filter((item) => item.knowledge_base_id === base.id);
		if (items.length && query.force !== 'true') {
			return digaError(409, 'KNOWLEDGE_BASE_NOT_EMPTY', `Knowledge base ${base.id} has ${items.length} knowledge items; delete with force=true to delete them too`);
		}
		state.knowledgeItems = state.knowledgeItems.filter((item) => item.knowledge_base_id !== base.id);
		state.knowledgeBases = state.knowledgeBases.filter((b) => b !== base);
		return { status: 200, body: { message: 'Knowledge base deleted' } };
	}
	return undefined;
}

/** A base id in a request body: valid and known, or the reply that says why not. */
function targetBase(state: ServerState, id: unknown): Reply | undefined {
	if (id === undefined || id === null) return undefined;
	const problem = uuidProblem('body', 'knowledge_base_id', id);
	if (problem) return unprocessable([problem]);
	return state.knowledgeBases.some((b) => b.id === String(id).toLowerCase()) ? undefined : digaError(404, 'KNOWLEDGE_BASE_NOT_FOUND', `Knowledge base ${String(id)} not found`);
}

function newItem(fields: Omit<KnowledgeItemRecord, 'id' | 'created_date' | 'status'>): KnowledgeItemRecord {
	return { id: randomUUID(), created_date: new Date().toISOString(), status: 'indexing', ...fields };
}

function upload(state: ServerState, kind: string, body: unknown): Reply | undefined {
	if (kind === 'text') {
		if (!isObject(body)) return notAnObject();
		const problems = (['name', 'content'] as const).filter((f) => typeof body[f] !== 'string').map((f) => (body[f] === undefined ? missing(f) : notText(f)));
		if (problems.length) return unprocessable(problems);
		const bad = targetBase(state, body.knowledge_base_id);
		if (bad) return bad;
		const content = body.content as string;
		const item = newItem({ name: body.name as string, category: 'txt', size_bytes: Buffer.byteLength(content), knowledge_base_id: (body.knowledge_base_id as string | null | undefined)?.toLowerCase() ?? null, content });
		state.knowledgeItems.push(item);
		return { status: 200, body: itemResponse(item) };
	}
	if (kind === 'url') {
		if (!isObject(body)) return notAnObject();
		if (!Array.isArray(body.items)) return unprocessable([body.items === undefined ? missing('items') : invalid(['body', 'items'], 'Input should be a valid list', 'list_type')]);
		const problems = (body.items as unknown[]).flatMap((entry, i) => (isObject(entry) && typeof entry.url === 'string' ? [] : [missing('items', String(i), 'url')]));
		if (problems.length) return unprocessable(problems);
		const bad = targetBase(state, body.knowledge_base_id);
		if (bad) return bad;
		const successful_items = [];
		const failed_items = [];
		for (const entry of body.items as Array<{ url: string; name?: string | null }>) {
			if (!/^https?:\/\//.test(entry.url)) {
				failed_items.push({ name: entry.name ?? entry.url, error: 'Not a web address' });
				continue;
			}
			// A host under `.invalid` (RFC 2606: never resolves) stands for a page Diga cannot read.
			if (/^https?:\/\/[^/]+\.invalid(?:[:/]|$)/i.test(entry.url)) {
				failed_items.push({ name: entry.name ?? entry.url, error: 'Could not fetch the page' });
				continue;
			}
			const item = newItem({ name: entry.name ?? entry.url, category: 'url', size_bytes: null, knowledge_base_id: (body.knowledge_base_id as string | null | undefined)?.toLowerCase() ?? null, url: entry.url });
			state.knowledgeItems.push(item);
			successful_items.push(itemResponse(item));
		}
		return { status: 200, body: { successful_items, failed_items } };
	}
	if (kind === 'file') {
		// The spec describes this form only in prose: "name, category, file" (docs/spec-gaps.md).
		if (!isMultipart(body)) return unprocessable([invalid(['body', 'file'], 'Field required', 'missing')]);
		const { fields, files } = body.multipart;
		const problems = [...(fields.name === undefined ? [missing('name')] : []), ...(files.file === undefined ? [missing('file')] : [])];
		if (fields.category !== undefined && fields.category !== 'file') problems.push(invalid(['body', 'category'], "Input should be 'file'", 'literal_error'));
		if (problems.length) return unprocessable(problems);
		const file = files.file;
		const item = newItem({ name: fields.name, category: 'file', size_bytes: file.data.length, knowledge_base_id: null, url: `https://storage.diga.example/knowledge/${encodeURIComponent(file.filename)}` });
		if (file.data.length === 0) return { status: 200, body: { successful_items: [], failed_items: [{ name: fields.name, error: 'The file is empty' }] } };
		state.knowledgeItems.push(item);
		return { status: 200, body: { successful_items: [itemResponse(item)], failed_items: [] } };
	}
	return undefined;
}

function itemRoutes(state: ServerState, method: string, parts: string[], query: Record<string, string>, body: unknown): Reply | undefined {
	if (parts.length === 0) {
		if (method !== 'GET') return undefined;
		if (query.status !== undefined && !['indexing', 'uploaded', 'error'].includes(query.status)) {
			return unprocessable([invalid(['query', 'status'], "Input should be 'indexing', 'uploaded' or 'error'", 'enum')]);
		}
		if (query.category !== undefined && !['file', 'txt', 'url'].includes(query.category)) {
			return unprocessable([invalid(['query', 'category'], "Input should be 'file', 'txt' or 'url'", 'enum')]);
		}
		if (query.knowledge_base_id !== undefined) {
			const problem = uuidProblem('query', 'knowledge_base_id', query.knowledge_base_id);
			if (problem) return unprocessable([problem]);
		}
		const name = query.name?.toLowerCase();
		const items = state.knowledgeItems
			.filter(
				(item) =>
					(!query.status || item.status === query.status) &&
					(!query.category || item.category === query.category) &&
					(!name || item.name.toLowerCase().includes(name)) &&
					(!query.knowledge_base_id || item.knowledge_base_id === query.knowledge_base_id.toLowerCase()),
			)
			// The list leaves a text item's content out; GET by id has it.
			.map((item) => itemResponse(item, false));
		return listPage(items, (item) => item.id, query, 50);
	}
	if (parts.length === 1 && method === 'POST') return upload(state, parts[0], body);
	if (parts.length !== 1) return undefined;
	const problem = uuidProblem('path', 'id', parts[0]);
	if (problem) return unprocessable([problem]);
	const item = state.knowledgeItems.find((i) => i.id === parts[0].toLowerCase());
	if (!item) return digaError(404, 'KNOWLEDGE_ITEM_NOT_FOUND', `Knowledge item ${parts[0]} not found`);
	if (method === 'GET') return { status: 200, body: itemResponse(item) };
	if (method === 'PATCH') {
		if (!isObject(body)) return notAnObject();
		if (body.name !== undefined && body.name !== null && typeof body.name !== 'string') return unprocessable([notText('name')]);
		if (typeof body.name === 'string') item.name = body.name;
		return { status: 200, body: itemResponse(item) };
	}
	if (method === 'DELETE') {
		state.knowledgeItems = state.knowledgeItems.filter((i) => i !== item);
		return { status: 200, body: { message: 'Knowledge item deleted' } };
	}
	return undefined;
}

/** `/v1/knowledge/...`: usage, bases and items. */
export const knowledgeRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (parts[0] === 'usage' && parts.length === 1 && method === 'GET') {
		const used = state.knowledgeItems.reduce((sum, item) => sum + (item.size_bytes ?? 0), 0);
		return { status: 200, body: { used_bytes: used, limit_bytes: 104_857_600, item_count: state.knowledgeItems.length } };
	}
	if (parts[0] === 'base') return baseRoutes(state, method, parts.slice(1), query, body);
	if (parts[0] === 'item') return itemRoutes(state, method, parts.slice(1), query, body);
	return undefined;
};
