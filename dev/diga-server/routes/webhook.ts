import { randomBytes, randomUUID } from 'node:crypto';

import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, uuidProblem } from './common';

/** A registered webhook as the test server keeps it: `WebhookResponse` plus its signing secret. */
export interface WebhookRecord {
	id: string;
	url: string;
	subscribed_events: string[];
	created_date: string;
	secret: string;
}

const EVENTS = ['status_changed'];

const newSecret = () => `whsec_${randomBytes(24).toString('hex')}`;
const publicView = ({ secret: _secret, ...webhook }: WebhookRecord) => webhook;
const notFound = (id: string) => digaError(404, 'WEBHOOK_NOT_FOUND', `Webhook ${id} not found`);

/** The body's problems as FastAPI reports them for `WebhookRequest` (`partial`: `WebhookUpdateRequest`). */
function bodyProblems(body: unknown, partial: boolean) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return [invalid(['body'], 'Input should be a valid dictionary', 'dict_type')];
	const request = body as Record<string, unknown>;
	const problems = [];
	if (request.url === undefined ? !partial : typeof request.url !== 'string' || (!partial && !/^https?:\/\/\S+$/.test(request.url))) {
		problems.push(invalid(['body', 'url'], request.url === undefined ? 'Field required' : 'Input should be a valid URL', request.url === undefined ? 'missing' : 'url_parsing'));
	}
	const events = request.subscribed_events;
	if (events === undefined ? !partial : events !== null && (!Array.isArray(events) || events.some((event) => !EVENTS.includes(event as string)))) {
		problems.push(invalid(['body', 'subscribed_events'], events === undefined ? 'Field required' : "Input should be 'status_changed'", events === undefined ? 'missing' : 'enum'));
	}
	return problems;
}

/** `/v1/webhook/…`: create, list (never the secret), get, update, delete, rotate. */
export const webhookRoutes: ResourceRoutes = (state: ServerState, method, parts, query, body): Reply | undefined => {
	const [id, action] = parts;
	if (!id) {
		if (method === 'GET') {
			return listPage(state.webhooks.map(publicView), (w) => w.id, query, 20);
		}
		if (method === 'POST') {
			const problems = bodyProblems(body, false);
			if (problems.length) return unprocessable(problems);
			const request = body as { url: string; subscribed_events: string[] };
			const webhook: WebhookRecord = {
				id: randomUUID(),
				url: request.url,
				subscribed_events: [...new Set(request.subscribed_events)],
				created_date: new Date().toISOString(),
				secret: newSecret(),
			};
			state.webhooks.push(webhook);
			return { status: 200, body: { ...webhook } };
		}
		return undefined;
	}
	const problem = uuidProblem('path', 'id', id);
	if (problem) return unprocessable([problem]);
	const webhook = state.webhooks.find((w) => w.id === id);
	if (action === 'rotate' && parts.length === 2 && method === 'POST') {
		if (!webhook) return notFound(id);
		webhook.secret = newSecret();
		return { status: 200, body: { secret: webhook.secret } };
	}
	if (parts.length !== 1) return undefined;
	if (method === 'GET') return webhook ? { status: 200, body: publicView(webhook) } : notFound(id);
	if (method === 'PATCH') {
		if (!webhook) return notFound(id);
		const problems = bodyProblems(body, true);
		if (problems.length) return unprocessable(problems);
		const request = body as { url?: string; subscribed_events?: string[] | null };
		if (request.url !== undefined) webhook.url = request.url;
		if (request.subscribed_events) webhook.subscribed_events = [...new Set(request.subscribed_events)];
		return { status: 200, body: publicView(webhook) };
	}
	if (method === 'DELETE') {
		if (!webhook) return notFound(id);
		state.webhooks = state.webhooks.filter((w) => w !== webhook);
		return { status: 200, body: {} };
	}
	return undefined;
};
