import type { AgentRecord, CallRecord, MessageRecord, PhoneRecord, VoiceRecord } from '../fixtures';
import type { KnowledgeBaseRecord, KnowledgeItemRecord } from '../knowledgeFixtures';
import type { CallLogRecord, TemplateRecord } from '../onboardingFixtures';
import { paginate } from '../pagination';
import type { IntegrationRecord } from './integration';
import type { McpToolRecord } from './integrationTool';
import type { WebhookRecord } from './webhook';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** A server-sent-events answer that never ends on its own (digaServer.ts writes it until the client closes). */
	stream?: EventStreamReply;
	/** An answer that needs another server first (an MCP integration's tool sync): `status` is then 0, the answer is this one's. */
	later?: Promise<Reply>;
}

/** `next()` is each event's text, written at once and then every `intervalMs`; `silent`: headers only, no event ever. */
export interface EventStreamReply {
	next: () => string;
	intervalMs: number;
	silent?: boolean;
}

export interface ServerState {
	phones: PhoneRecord[];
	agents: AgentRecord[];
	calls: CallRecord[];
	/** Transcripts by call id. */
	messages: Record<string, MessageRecord[]>;
	voices: VoiceRecord[];
	/** Registered webhooks, with their secrets (never listed). */
	webhooks: WebhookRecord[];
	knowledgeBases: KnowledgeBaseRecord[];
	knowledgeItems: KnowledgeItemRecord[];
	/** Agent templates (`/v1/agent/template`). */
	templates: TemplateRecord[];
	/** Call logs by call id (`/v1/log/call/{id}`), and traces (`/v1/trace/call/{id}`). */
	callLogs: Record<string, CallLogRecord[]>;
	traces: Record<string, Record<string, unknown>>;
	/** `/v1/call/concurrency/stream`: `silent` sends headers and never an event; `keepaliveFirst` sends a comment before each value. */
	liveCallStream?: { silent?: boolean; keepaliveFirst?: boolean };
	/** The plan's `max_concurrent_calls` (`/v1/billing/subscription/`): 10 when not set, `null` for unlimited. */
	maxConcurrentCalls?: number | null;
	/** Integrations with their secrets and tools (routes/integration.ts). */
	integrations: IntegrationRecord[];
	/** How answers show an integration's `auth_key` and header values (the spec does not say): as stored (default) or masked. */
	integrationSecrets?: 'shown' | 'masked';
	/** Stands in for the MCP server at `baseUrl` when set: its tools, synced at Create and Update without connecting (mcpIntegration.ts connects when not set). */
	mcpTools?: (baseUrl: string) => McpToolRecord[];
	/** Without `mcpTools`, the real sync (mcpIntegration.ts) gives up after this many ms (10 000 when not set) with Diga's 504. */
	mcpTimeoutMs?: number;
	/** Calls made here get date-times without an offset, as Diga's Python service may write them. */
	naiveTimes?: boolean;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PHONE_STATUSES = ['reserved', 'pending_verification', 'assigned', 'released', 'finished'];

export const digaError = (status: number, error_code: string, message: string): Reply => ({
	status,
	body: { status: 'error', error_code, message },
});

/** A secret as this server shows it in answers (`ServerState.integrationSecrets`). */
export const shownSecret = (state: ServerState, value: string) => (state.integrationSecrets === 'masked' ? `****${value.slice(-4)}` : value);

export const invalid = (loc: Array<string | number>, msg: string, type: string) => ({ loc, msg, type });
export const unprocessable = (detail: unknown[]): Reply => ({ status: 422, body: { detail } });

export function uuidProblem(where: 'path' | 'query' | 'body', name: string, value: unknown) {
	return typeof value === 'string' && UUID.test(value)
		? undefined
		: invalid([where, name], 'Input should be a valid UUID', 'uuid_parsing');
}

/**
 * The body of a 422 an operation declares: FastAPI's `HTTPValidationError` (`fastapi`, most operations)
 * or Diga's `ErrorResponseSchema` (`diga`: the phone and agent lists). The spec does not say which
 * error codes the latter uses for query problems; we use its example's code for pagination and the
 * code of its 400 example ("Invalid field value in query parameters") for the filters.
 */
export type UnprocessableShape = 'fastapi' | 'diga';
const PAGINATION_PARAMETERS = ['after', 'before', 'page', 'limit', 'order'];

export function unprocessableAs(shape: UnprocessableShape, reply: Reply): Reply {
	const body = reply.body as { detail?: Array<{ loc: Array<string | number>; msg: string; type: string }>; message?: string };
	if (shape === 'diga' && body.detail) {
		const [first] = body.detail;
		const code = PAGINATION_PARAMETERS.includes(String(first.loc[1])) ? 'INVALID_PAGINATION_PARAMETERS' : 'NOT_VALID_FIELD';
		return digaError(422, code, body.detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '));
	}
	if (shape === 'fastapi' && body.message !== undefined) return unprocessable([invalid(['query'], body.message, 'value_error')]);
	return reply;
}

/** A page of `records` as Diga's list endpoints answer it (cursor `after`, `limit`); `shape`: see `unprocessableAs`. */
export function listPage<T>(
	records: T[],
	idOf: (record: T) => string,
	query: Record<string, string>,
	defaultLimit: number,
	shape: UnprocessableShape = 'fastapi',
): Reply {
	const page = paginate(records, idOf, query, defaultLimit);
	return page.ok ? { status: 200, body: page.body } : unprocessableAs(shape, { status: page.status, body: page.body });
}

/** The handler of one resource (`/v1/<resource>/...`): `undefined` when no route matches. */
export type ResourceRoutes = (
	state: ServerState,
	method: string,
	parts: string[],
	query: Record<string, string>,
	body: unknown,
) => Reply | undefined;
