import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../transport/client';
import type { ToolContext } from './toolDefinition';

/** The header every call of the tool carries (set on the integration and on the tool). */
export const PROOF_HEADER = 'x-n8n-diga-tool-proof';

/** What the node's static data holds: a hash of the proof, never the proof itself. */
interface ProofState extends IDataObject {
	proofHash?: string;
}

/*
 * Web Crypto (`crypto.subtle`, a global in every Node.js n8n runs on): the package requires nothing
 * but n8n-workflow, which offers no HMAC to nodes.
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes(text)));

/**
 * The proof only this trigger and Diga know: an HMAC-SHA256 of the credential's API key over the
 * workflow's and the node's ids. Derived, never stored: a copy of the workflow (another workflow
 * id) has another one, and rotating the key changes it (the next activation updates the tool).
 */
export async function toolProof(context: ToolContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	const workflowId = context.getWorkflow().id ?? '';
	const nodeId = context.getNode().id ?? context.getNode().name;
	const key = await crypto.subtle.importKey('raw', bytes(String(credentials.apiKey ?? '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
	const mac = await crypto.subtle.sign('HMAC', key, bytes(`n8n-nodes-diga tool secret\n${workflowId}\n${nodeId}`));
	return Buffer.from(mac).toString('base64url');
}

/**
 * Activation keeps the proof's SHA-256 in the node's static data, so a call is checked without
 * reading the credential (in n8n 2.40 that read alone took 5–500 ms per call, measured in e2e). An
 * export carries only the hash, from which no proof can be made.
 */
export async function rememberProof(context: ToolContext, proof: string | undefined): Promise<void> {
	const state = context.getWorkflowStaticData('node') as ProofState;
	if (proof === undefined) delete state.proofHash;
	else state.proofHash = Buffer.from(await sha256(proof)).toString('base64url');
}

/** Two SHA-256 digests equal, looked at in full whatever they hold (no early exit). */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
	let difference = a.length ^ b.length;
	for (let i = 0; i < a.length; i++) difference |= a[i] ^ (b[i] ?? 0);
	return difference === 0;
}

/**
 * Whether a call's header holds the proof, compared in constant time (two SHA-256 digests). A test
 * call (listening for a test event: n8n does not keep what that activation wrote, and the editor's
 * static data may be a copy's or older) derives the proof again; so does a call without a hash.
 */
export async function holdsProof(context: ToolContext, header: unknown): Promise<boolean> {
	const remembered = context.getMode() === 'manual' ? undefined : (context.getWorkflowStaticData('node') as ProofState).proofHash;
	const expected = remembered ? new Uint8Array(Buffer.from(remembered, 'base64url')) : await sha256(await toolProof(context));
	return sameDigest(await sha256(typeof header === 'string' ? header : ''), expected);
}
