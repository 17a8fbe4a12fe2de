import { billingRoutes, projectRoutes } from './account';
import { agentRoutes } from './agent';
import { agentLifecycleRoutes } from './agentLifecycle';
import { callRoutes } from './call';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { logRoutes, traceRoutes } from './insight';
import { integrationRoutes } from './integration';
import { knowledgeRoutes } from './knowledge';
import { phoneRoutes } from './phone';
import { recordingRoutes } from './recording';
import { voiceRoutes } from './voice';
import { webhookRoutes } from './webhook';

export type { Reply, ServerState } from './common';
export { digaError } from './common';

/** One handler per resource: a new resource is one file and one line here. */
const RESOURCES: Record<string, ResourceRoutes> = {
	agent: (...request) => agentLifecycleRoutes(...request) ?? agentRoutes(...request),
	billing: billingRoutes,
	call: callRoutes,
	integration: integrationRoutes,
	knowledge: knowledgeRoutes,
	log: logRoutes,
	phone: phoneRoutes,
	project: projectRoutes,
	recording: recordingRoutes,
	trace: traceRoutes,
	voice: voiceRoutes,
	webhook: webhookRoutes,
};

/** Collections whose spec path has no trailing slash (`/v1/integration`). */
const SLASHLESS = new Set(['integration']);

/** Answers one request the way Diga's API does, for the endpoints this package uses. */
export function route(state: ServerState, method: string, path: string, query: Record<string, string>, body: unknown): Reply {
	const parts = path.split('/').filter(Boolean);
	// FastAPI redirects the collection path spelt without the spec's slash (or, for `SLASHLESS`, with one).
	if (parts.length === 2 && parts[0] === 'v1' && RESOURCES[parts[1]] && path.endsWith('/') === SLASHLESS.has(parts[1])) {
		const search = new URLSearchParams(query).toString();
		return { status: 307, headers: { location: `/v1/${parts[1]}${SLASHLESS.has(parts[1]) ? '' : '/'}${search ? `?${search}` : ''}` } };
	}
	if (parts[0] !== 'v1') return { status: 404, body: { detail: 'Not Found' } };
	const reply = RESOURCES[parts[1]]?.(state, method, parts.slice(2), query, body);
	return reply ?? { status: 405, body: { detail: 'Method Not Allowed' } };
}
