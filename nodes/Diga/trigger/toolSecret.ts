import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../transport/client';
import type { ToolContext } from './toolDefinition';

/** The header every call of the tool carries (set on the integration and on the tool). */
export const PROOF_HEADER = 'x-n8n-diga-tool-proof';

/** What the node's static data holds: a hash of the proof, never the proof itself. */
interface ProofState extends IDataObject {
	proofHash?: string;
}

const hashOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The proof only this trigger and Diga know: an HMAC of the credential's API key over the
 * workflow's and the node's ids. Derived, never stored: a copy of the workflow (another workflow id)
 * has another one, and rotating the key changes it (the next activation updates the tool).
 */
export async function toolProof(context: ToolContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	const workflowId = context.getWorkflow().id ?? '';
	const nodeId = context.getNode().id ?? context.getNode().name;
	return createHmac('sha256', String(credentials.apiKey ?? ''))
		.update(`n8n-nodes-diga tool secret\n${workflowId}\n${nodeId}`)
		.digest('base64url');
}

/**
 * Activation keeps the proof's SHA-256 in the node's static data, so a call is checked without
 * reading the credential (in n8n 2.40 that read alone took 5–500 ms per call, measured in e2e). An
 * export carries only the hash, from which no proof can be made.
 */
export function rememberProof(context: ToolContext, proof: string | undefined): void {
	const state = context.getWorkflowStaticData('node') as ProofState;
	if (proof === undefined) delete state.proofHash;
	else state.proofHash = hashOf(proof).toString('base64url');
}

/**
 * Whether a call's header holds the proof, compared in constant time (two SHA-256 digests). A test
 * call (listening for a test event: n8n does not keep what that activation wrote, and the editor's
 * static data may be a copy's or older) derives the proof again; so does a call without a hash.
 */
export async function holdsProof(context: ToolContext, header: unknown): Promise<boolean> {
	const remembered = context.getMode() === 'manual' ? undefined : (context.getWorkflowStaticData('node') as ProofState).proofHash;
	const expected = remembered ? Buffer.from(remembered, 'base64url') : hashOf(await toolProof(context));
	const given = hashOf(typeof header === 'string' ? header : '');
	return expected.length === given.length && timingSafeEqual(given, expected);
}
