import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DigaClient } from '../transport/client';
import type { ToolDefinition } from './toolDefinition';
import { PROOF_HEADER, toolProof } from './toolSecret';

/** What every lifecycle hook of the Diga Agent Tool Trigger starts from: the node's URL, its client, its marker and proof. */

export interface Setup {
	context: IHookFunctions;
	client: DigaClient;
	/** `…/webhook/<webhookId>` (or `…/webhook-test/…`): the integration's `base_url`, unique to this node. */
	base: string;
	/** What Diga appends to `base`: `/tool`, then `{name}` for each path parameter. */
	endpointPath: string;
	marker: string;
	secret: string;
	live: boolean;
}

function ownPlace(context: IHookFunctions): { base: string; endpointPath: string } {
	const url = context.getNodeWebhookUrl('default');
	const webhookId = context.getNode().webhookId;
	const at = url && webhookId ? url.indexOf(`/${webhookId}/`) : -1;
	if (!url || !webhookId || at < 0) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	const end = at + webhookId.length + 1;
	return { base: url.slice(0, end), endpointPath: url.slice(end).replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}') };
}

export async function setUp(context: IHookFunctions): Promise<Setup> {
	const { base, endpointPath } = ownPlace(context);
	const node = context.getNode();
	const client = await DigaClient.create(context);
	const secret = await toolProof(context);
	// Sent in the integration's and the tool's headers, and listed back: never in an error or a log.
	client.redactAlso([secret]);
	// It tells its own proof (shown redacted) from a stale or masked header value only if other values show.
	client.keepHeaderValues = true;
	return {
		context,
		client,
		base,
		endpointPath,
		marker: `n8n workflow ${context.getWorkflow().id ?? ''}, node ${node.id ?? node.name}:`,
		secret,
		live: context.getMode() !== 'manual',
	};
}

export function integrationBody(setup: Setup, definition: ToolDefinition): IDataObject {
	const workflow = setup.context.getWorkflow().name ?? 'workflow';
	return {
		name: `n8n: ${workflow} → ${definition.name}${setup.live ? '' : ' (test)'}`,
		description: `${setup.marker} made by the Diga Agent Tool Trigger, deleted when the workflow is deactivated.`,
		base_url: setup.base,
		headers: { [PROOF_HEADER]: setup.secret },
	};
}
