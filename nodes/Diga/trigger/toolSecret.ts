import { createHmac, timingSafeEqual } from 'node:crypto';

import { CREDENTIAL_NAME } from '../transport/client';
import type { ToolContext } from './toolDefinition';

/** The header every call of the tool carries (set on the integration and on the tool). */
export const PROOF_HEADER = 'x-n8n-diga-tool-proof';

/**
 * The secret only this trigger and Diga know: an HMAC of the credential's API key over the
 * workflow's and the node's ids. Derived, never stored, so an export or a copy of the workflow
 * carries none (a copy has another workflow id, so another secret), and rotating the key changes it
 * (the next activation updates the tool). Reading the credential sends nothing to Diga.
 */
export async function toolSecret(context: ToolContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	const workflowId = context.getWorkflow().id ?? '';
	const nodeId = context.getNode().id ?? context.getNode().name;
	return createHmac('sha256', String(credentials.apiKey ?? ''))
		.update(`n8n-nodes-diga tool secret\n${workflowId}\n${nodeId}`)
		.digest('base64url');
}

/** Whether a request's header holds the secret, compared in constant time. */
export function holdsSecret(header: unknown, secret: string): boolean {
	const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
	const expected = Buffer.from(secret, 'utf8');
	// Equal lengths for timingSafeEqual; the length of a fixed-size digest is no secret.
	if (given.length !== expected.length) return false;
	return timingSafeEqual(given, expected);
}
