import type { IDataObject } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import type { ErrorContext } from '../transport/errors';
import { aRecord } from '../transport/types';

/**
 * Launching an agent's draft as a new version and publishing a version: the two requests Agent
 * Version → Create and Agent → Publish Version send, and the Agent Tool Trigger's "Publish to Live
 * Calls" sends after it changed a draft.
 */

/** `POST /v1/agent/{id}/version`: a new numbered version from the current draft (`LaunchVersionRequest`). */
export async function launchVersion(client: DigaClient, agentId: string, body: IDataObject, errorContext: ErrorContext): Promise<IDataObject> {
	return await client.request<IDataObject>(
		{
			method: 'POST',
			path: `/v1/agent/${agentId}/version`,
			body,
			expect: aRecord('an agent version', 'version_id'),
			lostAnswer: {
				mayHave: `Diga may have created a new version of agent ${agentId}`,
				check: `Agent Version → Get Many for agent ${agentId}: a version created from the current draft just now means it did; then do not create it again.`,
			},
		},
		{ notFound: { default: `Diga could not find agent ${agentId} in this account` }, ...errorContext },
	);
}

/**
 * `PATCH /v1/agent/{id}/published_version` (`PublishAgentRequest`, with `version_id` always: without
 * it Diga unpublishes the agent). The same body twice leaves Diga the same, so it is retried like a read.
 */
export async function publishVersion(client: DigaClient, agentId: string, body: IDataObject & { version_id: string }, errorContext: ErrorContext): Promise<IDataObject> {
	return await client.request<IDataObject>(
		{ method: 'PATCH', path: `/v1/agent/${agentId}/published_version`, body, expect: aRecord('a published agent', 'agent_id') },
		{ notFound: { default: `Diga could not find agent ${agentId} in this account` }, ...errorContext },
	);
}
