import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { launchVersion, publishVersion } from '../helpers/agentRelease';
import { changeAssignments } from '../helpers/integrationAssignments';
import { isUuid, locatorValue } from '../helpers/input';
import { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import { aRecord } from '../transport/types';
import { isGone, KeepGoing } from './keepGoing';
import { agentsToServe, rememberServed, servedAgents } from './toolAgents';
import type { ToolDefinition } from './toolDefinition';
import { differs, shownAs } from './toolRecords';
import { readToolDefinition, toolBody } from './toolDefinition';
import { PROOF_HEADER, rememberProof, toolProof } from './toolSecret';

/**
 * What the Diga Agent Tool Trigger keeps in Diga while its workflow is active (or while the editor
 * listens for a test event): one HTTP integration at the node's own webhook URL, one tool in it,
 * and that tool on each chosen agent's draft. Nothing is kept in n8n: the integration is found by
 * its URL and the workflow and node ids in its description, so a restart, a lost static data or a
 * copy of the workflow (another id) never mixes up whose integration is whose.
 */

const INTEGRATIONS = '/v1/integration';
const toolsOf = (integrationId: string) => `${INTEGRATIONS}/${integrationId}/tool`;

interface Integration extends IDataObject {
	id: string;
	name?: string;
	description?: string | null;
	base_url?: string;
	headers?: IDataObject | null;
}
interface Tool extends IDataObject {
	id: string;
}

interface Setup {
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

async function setUp(context: IHookFunctions): Promise<Setup> {
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

function integrationBody(setup: Setup, definition: ToolDefinition): IDataObject {
	const workflow = setup.context.getWorkflow().name ?? 'workflow';
	return {
		name: `n8n: ${workflow} → ${definition.name}${setup.live ? '' : ' (test)'}`,
		description: `${setup.marker} made by the Diga Agent Tool Trigger, deleted when the workflow is deactivated.`,
		base_url: setup.base,
		headers: { [PROOF_HEADER]: setup.secret },
	};
}

interface Found {
	/** At this node's URL, oldest first: more than one means a create whose answer was lost. */
	own: Integration[];
	/** This node's at its other URL in the same n8n: the test one seen from production, and the reverse. */
	twins: Integration[];
}

/**
 * The integrations this node made: naming its workflow and node (a copy's name another workflow)
 * and ending in its webhook id. Only the same n8n's (scheme, host and port) are its twins: another
 * n8n holding an imported copy with the same ids has its own.
 */
async function findOwn(setup: Setup): Promise<Found> {
	const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i.exec(setup.base)?.[0] ?? setup.base;
	const webhookId = setup.base.slice(setup.base.lastIndexOf('/'));
	const all = await readList<Integration>(setup.client, INTEGRATIONS);
	const mine = all.filter((i) => typeof i.description === 'string' && i.description.startsWith(setup.marker) && typeof i.base_url === 'string' && i.base_url.startsWith(origin) && i.base_url.endsWith(webhookId));
	const own = mine.filter((i) => i.base_url === setup.base).sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')));
	return { own, twins: mine.filter((i) => i.base_url !== setup.base) };
}

/**
 * "Listen for test event" while Diga has the production tool: two tools of one name on a draft, which
 * the model cannot tell apart (and a test call could run the production workflow). Refused.
 */
function refuseBesideProduction(setup: Setup, definition: ToolDefinition): never {
	throw new NodeOperationError(setup.context.getNode(), `This workflow is active: the agents already have its tool "${definition.name}"`, {
		description:
			'An agent cannot tell two tools of one name apart. Call the agent now: its calls run the active workflow and show up in the executions list. To watch a call here, deactivate the workflow first (in n8n 2: unpublish; that removes its tool), then listen again. Not active? Its last deactivation did not finish: activate and deactivate it again.',
	});
}

/** Deletes a record; one Diga no longer has (404) is as good as deleted. Any other failure stands. */
async function remove(client: DigaClient, path: string): Promise<void> {
	await client.request({ method: 'DELETE', path }).catch((error: unknown) => {
		if (!isGone(error)) throw error;
	});
}

async function publish(setup: Setup, agentIds: string[], why: string): Promise<void> {
	for (const agentId of agentIds) {
		const version = await launchVersion(setup.client, agentId, { version_name: `n8n: ${why}` }, {});
		await publishVersion(setup.client, agentId, { version_id: String(version.version_id) }, {});
	}
}

/** The integration holds exactly one tool, as defined now, and each agent in `agentIds` has it on its draft. */
async function reconcile(setup: Setup, definition: ToolDefinition, found: Integration, agentIds: string[]): Promise<void> {
	const { client } = setup;
	const wantedIntegration = integrationBody(setup, definition);
	if (differs(found, shownAs(wantedIntegration, setup.secret))) {
		await client.request({ method: 'PATCH', path: `${INTEGRATIONS}/${found.id}`, body: wantedIntegration, expect: aRecord('an integration', 'id') });
	}
	const wantedTool = toolBody(definition, setup.endpointPath, { [PROOF_HEADER]: setup.secret });
	const [tool, ...extra] = await readList<Tool>(client, toolsOf(found.id));
	for (const leftover of extra) await remove(client, `${toolsOf(found.id)}/${leftover.id}`);
	const gone = extra.map((leftover) => leftover.id);
	let toolId = tool?.id;
	if (!tool) {
		const created = await client.request<Tool>({
			method: 'POST',
			path: toolsOf(found.id),
			body: wantedTool,
			expect: aRecord('a tool', 'id'),
			lostAnswer: { mayHave: 'Diga may have created the tool', check: 'Activate the workflow again: the trigger finds the tool in its own integration.' },
			beforeResend: async () => (await readList<Tool>(client, toolsOf(found.id)))[0],
		});
		toolId = created.id;
	} else if (differs(tool, shownAs(wantedTool, setup.secret))) {
		await client.request({ method: 'PATCH', path: `${toolsOf(found.id)}/${tool.id}`, body: wantedTool, expect: aRecord('a tool', 'id') });
	}
	const changed: string[] = [];
	for (const agentId of agentIds) {
		const change = { add: [{ integrationId: found.id, toolIds: [toolId!] }], remove: gone.length ? [{ integrationId: found.id, toolIds: gone }] : [] };
		if ((await changeAssignments(client, agentId, change)).changed) changed.push(agentId);
	}
	if (!setup.live) return;
	// Agents the last activation served that are no longer chosen: their deactivation with the old list may have failed.
	const dropped: string[] = [];
	for (const agentId of servedAgents(setup.context).filter((id) => !definition.agentIds.includes(id))) {
		const taken = await changeAssignments(client, agentId, { remove: [{ integrationId: found.id, toolIds: [] }] }).catch((error: unknown) => {
			if (!isGone(error)) throw error;
		});
		if (taken?.changed) dropped.push(agentId);
	}
	if (definition.publish) {
		await publish(setup, changed, `tool ${definition.name} added`);
		await publish(setup, dropped, 'tool removed');
	}
	rememberServed(setup.context, agentIds);
}

/**
 * Takes the tool off the agents' drafts, then deletes the tools and the integration. Keeps going
 * past an agent Diga no longer has (404: nothing to take off) and past any failure, so one agent
 * cannot leave the others, the tools and the integration behind; says in n8n's log what it could
 * not remove, and fails at the end with the first failure.
 */
async function tearDown(setup: Setup, integration: Integration, agentIds: string[], publishAfter: boolean): Promise<void> {
	const cleanup = new KeepGoing(setup.context, 'Diga Agent Tool Trigger');
	const advice = 'remove it in Diga, or activate and deactivate the workflow again.';
	const changed: string[] = [];
	for (const agentId of agentIds) {
		await cleanup.attempt(`take the tool off agent ${agentId}'s draft`, advice, async () => {
			if ((await changeAssignments(setup.client, agentId, { remove: [{ integrationId: integration.id, toolIds: [] }] })).changed) changed.push(agentId);
		});
	}
	if (publishAfter && setup.live) await cleanup.attempt(`publish the drafts of agents ${changed.join(', ')}`, advice, async () => await publish(setup, changed, 'tool removed'));
	await cleanup.attempt(`delete the tools of integration ${integration.id}`, advice, async () => {
		for (const tool of await readList<Tool>(setup.client, toolsOf(integration.id))) await remove(setup.client, `${toolsOf(integration.id)}/${tool.id}`);
	});
	await cleanup.attempt(`delete integration ${integration.id}`, advice, async () => await remove(setup.client, `${INTEGRATIONS}/${integration.id}`));
	cleanup.throwFirst();
}

/**
 * `checkExists`: whether Diga has this node's integration. If so it is brought up to date (a
 * changed definition updates the tool; a missing tool or assignment is made again) and any second
 * one (a create whose answer was lost) is torn down.
 */
export async function toolExists(this: IHookFunctions): Promise<boolean> {
	const definition = readToolDefinition(this);
	const setup = await setUp(this);
	const { own, twins } = await findOwn(setup);
	if (!setup.live && twins.length) refuseBesideProduction(setup, definition);
	const [found, ...extra] = own;
	// Production wins over a test tool of its own: made while listening, or left by an n8n that stopped listening without removing it.
	for (const leftover of [...extra, ...twins]) await tearDown(setup, leftover, definition.agentIds, false);
	if (!found) return false;
	const agentIds = await agentsToServe(this, setup.client, definition.agentIds);
	await reconcile(setup, definition, found, agentIds);
	await rememberProof(this, setup.secret);
	return true;
}

/** `create`: one integration at this node's URL, its tool, and the tool on each chosen agent's draft. */
export async function createTool(this: IHookFunctions): Promise<boolean> {
	const definition = readToolDefinition(this);
	const setup = await setUp(this);
	const agentIds = await agentsToServe(this, setup.client, definition.agentIds);
	const created = await setup.client.request<Integration>({
		method: 'POST',
		path: INTEGRATIONS,
		body: { ...integrationBody(setup, definition), integration_type: 'HTTP' },
		expect: aRecord('an integration', 'id'),
		lostAnswer: { mayHave: 'Diga may have created the integration', check: 'Activate the workflow again: the trigger finds its integration by its URL and finishes it.' },
		beforeResend: async () => (await findOwn(setup)).own[0],
	});
	await reconcile(setup, definition, created, agentIds);
	await rememberProof(this, setup.secret);
	return true;
}

/** The agents named, ignoring entries that are no agent id: deactivating must work whatever the form holds now. */
function chosenAgents(context: IHookFunctions): string[] {
	const raw = (context.getNodeParameter('agents', {}) as IDataObject).agent;
	const ids = (Array.isArray(raw) ? (raw as IDataObject[]) : []).map((entry) => locatorValue(entry.agentId).value.toLowerCase());
	return [...new Set(ids.filter(isUuid))];
}

/** `delete`: every integration this node made, with its tools and its place on the agents' drafts. */
export async function deleteTool(this: IHookFunctions): Promise<boolean> {
	const setup = await setUp(this);
	const agentIds = [...new Set([...chosenAgents(this), ...(setup.live ? servedAgents(this) : [])])];
	const publishAfter = this.getNodeParameter('publish', false) === true;
	const { own, twins } = await findOwn(setup);
	// Deactivating also removes a test tool of its own left behind; the test listener's end removes only its own.
	for (const integration of [...own, ...(setup.live ? twins : [])]) await tearDown(setup, integration, agentIds, publishAfter);
	await rememberProof(this, undefined);
	if (setup.live) rememberServed(this, undefined);
	return true;
}
