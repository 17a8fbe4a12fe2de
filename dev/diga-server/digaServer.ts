import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { Deliveries } from './deliveries';
import type { CallRecord } from './fixtures';
import { bulkPhones, finishCall, pythonTime, seedAgents, seedCalls, seedMessages, seedPhones, seedVoices } from './fixtures';
import { seedKnowledgeBases, seedKnowledgeItems } from './knowledgeFixtures';
import { callMcpTool } from './mcpIntegration';
import { parseMultipart } from './multipart';
import { seedCallLogs, seedTemplates, seedTraces } from './onboardingFixtures';
import type { Reply, ServerState } from './routes';
import { digaError, route } from './routes';
import { assignmentsOf } from './routes/assignments';
import { SpecCheck } from './specCheck';
import type { ToolCallOptions, ToolCallResult } from './toolCalls';
import { sendToolCall, toolCallRequest } from './toolCalls';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** When the server read it (Date.now()). */
	receivedAt?: number;
	/** The status it was answered with, once answered (not set for raw, trickled, reset or hanging answers). */
	status?: number;
	/** When that answer was sent (Date.now()). */
	answeredAt?: number;
	/** An event stream's answer: when the client closed it (Date.now()). */
	closedAt?: number;
}

/** A scripted failure for the next `times` requests that match. */
export interface Fault {
	method?: string;
	path?: RegExp;
	times?: number;
	/** Lets this many matching requests through (answered normally) before the fault applies, e.g. 11 for "a 500 on the 12th POST". */
	skip?: number;
	/**
	 * `reply`: answer with status/body/headers; `raw`: send `rawBody` as is; `reset`: drop the socket; `hang`: never answer;
	 * `computed`: answer `status` with `compute(request)` as the body; `trickle`: send `rawBody` one byte every `intervalMs`.
	 */
	kind?: 'reply' | 'raw' | 'reset' | 'hang' | 'computed' | 'trickle';
	status?: number;
	body?: unknown;
	rawBody?: string;
	contentType?: string;
	headers?: Record<string, string>;
	/** `computed`: the body for this request (e.g. an endless list whose pages never repeat). */
	compute?: (request: RecordedRequest) => unknown;
	/** `trickle`: the pause between two bytes. */
	intervalMs?: number;
	/**
	 * Diga acts on the request first (its state changes as for a normal answer), then the answer is
	 * lost as `kind` says: a gateway's 502/504 (`reply`), a reset, or a hang until the client's Timeout.
	 */
	afterActing?: boolean;
}

/** A file the server hands out by path (see `DigaTestServer.files`). */
export interface ServedFile {
	/** The bytes, or the bytes for this request (a storage front that quotes what it was sent). */
	body: Buffer | ((request: RecordedRequest) => Buffer);
	status?: number;
	headers?: Record<string, string>;
	/** Sent without Content-Length (chunked), as a stream whose size is known only at its end. */
	chunked?: boolean;
	/**
	 * Only the first `bytes` of the body are sent (Content-Length still announces all of it), then
	 * the connection is closed (`close`: a clean end, the body is truncated) or reset (`reset`).
	 */
	cut?: { bytes: number; how: 'close' | 'reset' };
}

export const TEST_API_KEY = 'diga_test_key_5f8d0a6e1c3b';
/** A key Diga knows but which may only read. */
export const READ_ONLY_API_KEY = 'diga_readonly_key_0b9e2d7f';
/** A key that may do everything but view calls (no `calls.view`): it places calls it cannot list. */
export const NO_CALLS_VIEW_API_KEY = 'diga_nocallsview_key_7c1a4e93';

/** The seed data, with `extraPhones` more phones for pagination tests. */
function seedState(extraPhones = 0): ServerState {
	return {
		phones: [...seedPhones(), ...bulkPhones(extraPhones)],
		agents: seedAgents(),
		calls: seedCalls(),
		messages: seedMessages(),
		voices: seedVoices(),
		knowledgeBases: seedKnowledgeBases(),
		knowledgeItems: seedKnowledgeItems(),
		webhooks: [],
		templates: seedTemplates(),
		callLogs: seedCallLogs(),
		traces: seedTraces(),
		integrations: [],
	};
}

/** The bearer token a request carries, if any. */
function key(req: IncomingMessage): string | undefined {
	const auth = req.headers.authorization;
	return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/** A Diga-compatible HTTP server on 127.0.0.1 (random port) for tests, the demo and benchmarks. */
export class DigaTestServer {
	state: ServerState = seedState();
	/** `status_changed` deliveries to registered webhooks (see deliveries.ts: body and signature are this server's, not Diga's). */
	deliveries = new Deliveries();
	requests: RecordedRequest[] = [];
	latencyMs = 0;
	inFlight = 0;
	maxInFlight = 0;
	/** Requests per second accepted before the server answers 429 with Retry-After, as a gateway would; 0 = no limit. */
	rateLimitPerSecond = 0;
	/** The 429s sent because of `rateLimitPerSecond`. */
	rateLimited = 0;
	private acceptedAt: number[] = [];
	private faults: Array<Fault & { remaining: number; toSkip: number }> = [];
	private server?: Server;
	private readonly sockets = new Set<Socket>();
	baseUrl = '';
	/**
	 * Files served by path outside the API, as a storage host serves the audio a `recording_url`
	 * names: no API key needed, not Diga operations, so not judged by the spec. Requests for them
	 * are logged in `fileRequests`, not `requests`.
	 */
	files = new Map<string, ServedFile>();
	fileRequests: RecordedRequest[] = [];
	/** Every request and answer judged by Diga's OpenAPI spec; tests collect its violations. */
	readonly spec = new SpecCheck();

	async start(port = 0): Promise<string> {
		await this.spec.ready();
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 60_000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Back to the seed data, with `extraPhones` more for pagination tests, and no faults or log. */
	reset(extraPhones = 0): void {
		this.state = seedState(extraPhones);
		this.deliveries = new Deliveries();
		this.toolCalls = [];
		this.requests = [];
		this.files = new Map();
		this.fileRequests = [];
		this.faults = [];
		this.latencyMs = 0;
		this.maxInFlight = 0;
		this.rateLimitPerSecond = 0;
		this.rateLimited = 0;
		this.acceptedAt = [];
	}

	/** A new call on Diga (any status): its webhooks get a `status_changed` delivery. */
	addCall(call: CallRecord): void {
		this.state.calls.push(call);
		this.deliveries.statusChanged(this.state.webhooks, call);
	}

	/** A call's status changes (`completed` gives it an end now): its webhooks get a `status_changed` delivery. */
	setCallStatus(id: string, status: CallRecord['status']): CallRecord {
		const index = this.state.calls.findIndex((call) => call.id === id);
		if (index < 0) throw new Error(`no call ${id}`);
		const call = { ...this.state.calls[index], status };
		this.state.calls[index] = status === 'completed' ? finishCall({ ...call, end_time: pythonTime(Date.now(), this.state.naiveTimes) }) : call;
		this.deliveries.statusChanged(this.state.webhooks, this.state.calls[index]);
		return this.state.calls[index];
	}

	/** The tool calls made with `callTool` / `agentCallsTool` since the last reset. */
	toolCalls: ToolCallResult[] = [];

	/**
	 * Test control (not Diga's API): "the agent" calls tool `toolId` of integration `integrationId`
	 * and reports the status, body and elapsed time: an HTTP tool exactly as its definition says
	 * (method, URL, parameters, headers, timeout: toolCalls.ts), an MCP tool by `tools/call` with
	 * `options.args` on its server (mcpIntegration.ts; `options.timeoutSeconds`, 5 by default).
	 */
	async callTool(integrationId: string, toolId: string, options: ToolCallOptions = {}): Promise<ToolCallResult> {
		const integration = this.state.integrations.find((i) => i.id === integrationId.toLowerCase());
		const tool = integration?.tools.find((t) => t.id === toolId.toLowerCase());
		if (!integration || !tool) throw new Error(`no tool ${toolId} in integration ${integrationId}`);
		// An MCP tool: through its server's `tools/call` (mcpIntegration.ts).
		const result = tool.type === 'MCP' ? await callMcpTool(integration, tool, options) : await sendToolCall(toolCallRequest(integration, tool, options), tool.timeout);
		this.toolCalls.push(result);
		return result;
	}

	/**
	 * Test control: agent `agentId` calls its tool (HTTP or MCP) named `toolName` as `version` of the agent has
	 * it assigned (`draft`: a test call from Diga's dashboard; `published`: a live call). Fails when
	 * that version has no such tool assigned.
	 */
	async agentCallsTool(agentId: string, toolName: string, options: ToolCallOptions & { version: 'draft' | 'published' }): Promise<ToolCallResult> {
		const agent = this.state.agents.find((a) => a.agent_id === agentId.toLowerCase());
		const version = agent?.versions.find((v) => (options.version === 'draft' ? v.is_draft : v.is_published));
		if (!agent || !version) throw new Error(`agent ${agentId} has no ${options.version} version`);
		const found = assignmentsOf(agent, version.version_id).flatMap((assignment) => {
			const integration = this.state.integrations.find((i) => i.id === assignment.integration_id);
			return (integration?.tools ?? [])
				.filter((tool) => tool.name === toolName && assignment.tool_ids.includes(tool.id))
				.map((tool) => ({ integration: integration!, tool }));
		});
		if (found.length !== 1) throw new Error(`agent ${agentId} (${options.version}) has ${found.length} HTTP tools or MCP tools named ${toolName} assigned`);
		return await this.callTool(found[0].integration.id, found[0].tool.id, options);
	}

	fault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 });
	}

	/** Diga answers normally again: the faults not used up are dropped. */
	clearFaults(): void {
		this.faults = [];
	}

	/** Requests other than those of a given method, handy for "no request was sent" checks. */
	requestsTo(method: string, pathPrefix = '/'): RecordedRequest[] {
		return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
	}

	/** Seconds until a request would be accepted again (sliding one-second window), or `undefined` to accept it now. */
	private overRateLimit(): number | undefined {
		if (this.rateLimitPerSecond <= 0) return undefined;
		const now = Date.now();
		this.acceptedAt = this.acceptedAt.filter((at) => at > now - 1000);
		if (this.acceptedAt.length < this.rateLimitPerSecond) {
			this.acceptedAt.push(now);
			return undefined;
		}
		return Math.max(1, Math.ceil((this.acceptedAt[0] + 1000 - now) / 1000));
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const fault = this.faults.find(
			(f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)),
		);
		if (!fault) return undefined;
		if (fault.toSkip > 0) {
			fault.toSkip--;
			return undefined;
		}
		fault.remaining--;
		return fault;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		res.on('close', () => this.inFlight--);
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const raw = Buffer.concat(chunks);
		const text = raw.toString('utf8');
		let body: unknown = undefined;
		let malformed = false;
		const multipart = parseMultipart(req.headers['content-type'], raw);
		if (multipart) body = { multipart };
		else if (text) {
			try {
				body = JSON.parse(text);
			} catch {
				malformed = true;
			}
		}
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: malformed ? text : body,
			receivedAt: Date.now(),
		};
		const file = this.files.get(url.pathname);
		if (file) {
			this.fileRequests.push(recorded);
			return void this.sendFile(req, res, file, typeof file.body === 'function' ? file.body(recorded) : file.body);
		}
		this.requests.push(recorded);
		const exchange = this.spec.request({ ...recorded, search: url.search.slice(1) });
		const send = (reply: Reply, judge = true) => {
			this.spec.answer(exchange, reply.status, reply.body, judge);
			recorded.status = reply.status;
			recorded.answeredAt = Date.now();
			this.send(res, reply);
		};
		const retryAfter = this.overRateLimit();
		if (retryAfter !== undefined) {
			this.rateLimited++;
			// The spec documents no 429: a gateway's minimal answer, not judged by it.
			return send({ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': String(retryAfter) } }, false);
		}
		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		const fault = this.takeFault(recorded.method, recorded.path);
		// Diga acts, then a gateway loses its answer: the real reply is computed (and judged), never sent.
		if (fault?.afterActing) this.spec.answer(exchange, (await this.settled(this.reply(recorded, key(req), malformed, body))).status, undefined, false);
		if (fault?.kind === 'hang') return; // never answered; the client's timeout ends it
		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'raw') {
			this.spec.answer(exchange, fault.status ?? 200, fault.rawBody, false);
			res.writeHead(fault.status ?? 200, { 'content-type': fault.contentType ?? 'text/html', ...fault.headers });
			res.end(fault.rawBody ?? '');
			return;
		}
		// Scripted faults break the rules on purpose: their answers are not judged.
		if (fault?.kind === 'computed') {
			return send({ status: fault.status ?? 200, body: fault.compute?.(recorded), headers: fault.headers }, false);
		}
		if (fault?.kind === 'trickle') {
			this.spec.answer(exchange, fault.status ?? 200, fault.rawBody, false);
			return void this.trickle(res, fault);
		}
		if (fault) return send({ status: fault.status ?? 500, body: fault.body, headers: fault.headers }, false);
		const reply = await this.settled(this.reply(recorded, key(req), malformed, body));
		if (reply.stream) {
			this.spec.answer(exchange, reply.status, undefined, false);
			recorded.status = reply.status;
			recorded.answeredAt = Date.now();
			return void this.stream(res, reply.stream, recorded);
		}
		send(reply);
	}

	/**
	 * An event stream: an event at once and every `intervalMs`, with a keep-alive comment every 100 ms
	 * between them, until the client closes it. A client's close shows at the next write (the
	 * server's sockets stay half-open), so the comments make `closedAt` precise to about 100 ms.
	 */
	private async stream(res: ServerResponse, stream: NonNullable<Reply['stream']>, recorded: RecordedRequest): Promise<void> {
		res.on('close', () => (recorded.closedAt ??= Date.now()));
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.flushHeaders();
		let nextEventAt = Date.now();
		while (!res.destroyed && !res.writableEnded) {
			if (!stream.silent && Date.now() >= nextEventAt) {
				res.write(stream.next());
				nextEventAt = Date.now() + stream.intervalMs;
			} else res.write(': ping\n\n');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Diga's answer to a request that got through: authentication, then the resource's route. */
	private reply(recorded: RecordedRequest, apiKey: string | undefined, malformed: boolean, body: unknown): Reply {
		if (apiKey !== TEST_API_KEY && apiKey !== READ_ONLY_API_KEY && apiKey !== NO_CALLS_VIEW_API_KEY) return digaError(401, 'UNAUTHORIZED', 'Invalid or missing API key');
		if (apiKey === READ_ONLY_API_KEY && recorded.method !== 'GET') return digaError(403, 'INTERNAL_SERVER_ERROR', 'Missing required permissions');
		// The spec's example of this 403 on `GET /v1/call/`.
		if (apiKey === NO_CALLS_VIEW_API_KEY && recorded.method === 'GET' && recorded.path.startsWith('/v1/call/')) {
			return digaError(403, 'INTERNAL_SERVER_ERROR', 'Missing required permissions to view calls');
		}
		if (malformed) return { status: 422, body: { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] } };
		return route(this.state, recorded.method, recorded.path, recorded.query, body);
	}

	/** The answer itself, once an answer that comes `later` (another server asked first) has come. */
	private async settled(reply: Reply): Promise<Reply> {
		return reply.later ? await reply.later : reply;
	}

	private async sendFile(req: IncomingMessage, res: ServerResponse, file: ServedFile, body: Buffer): Promise<void> {
		res.writeHead(file.status ?? 200, { ...(file.chunked ? {} : { 'content-length': String(body.length) }), ...file.headers });
		if (req.method === 'HEAD') return void res.end();
		if (!file.cut) return void res.end(body);
		const { bytes, how } = file.cut;
		// The part already written reaches the client before the connection ends.
		await new Promise<void>((resolve) => res.write(body.subarray(0, bytes), () => resolve()));
		await new Promise((resolve) => setTimeout(resolve, 20));
		if (how === 'reset') req.socket.resetAndDestroy();
		else req.socket.end();
	}

	/** A slow body: one byte every `intervalMs`, so no single pause is long but the whole answer is. */
	private async trickle(res: ServerResponse, fault: Fault): Promise<void> {
		res.writeHead(fault.status ?? 200, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers });
		for (const byte of fault.rawBody ?? '') {
			if (res.destroyed) return;
			res.write(byte);
			await new Promise((resolve) => setTimeout(resolve, fault.intervalMs ?? 100));
		}
		res.end();
	}

	private send(res: ServerResponse, reply: Reply): void {
		const headers: Record<string, string> = { ...reply.headers };
		if (reply.body !== undefined) headers['content-type'] = 'application/json';
		res.writeHead(reply.status, headers);
		res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
	}
}
