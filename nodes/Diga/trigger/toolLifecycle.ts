import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { launchVersion, publishVersion } from '../helpers/agentRelease';
import { changeAssignments } from '../helpers/integrationAssignments';
import { isUuid, locatorValue } from '../helpers/input';
import { readList } from '../transport/paginate';
import { aRecord } from '../transport/types';
import { KeepGoing } from './keepGoing';
import { agentsToServe, rememberServed, servedAgents } from './toolAgents';
import type { ToolDefinition } from './toolDefinition';
import type { Found, Integration, Tool } from './toolRecords';
import { differs, findOwn, INTEGRATIONS, remove, shownAs, toolsOf } from './toolRecords';
import { readToolDefinition, toolBody } from './toolDefinition';
import { PROOF_HEADER, rememberProof } from './toolSecret';
import type { Setup } from './toolSetup';
import { integrationBody, setUp } from './toolSetup';

/**
 * What the Diga Agent Tool Trigger keeps in Diga while its workflow is active (or while the editor
 * listens for a test event): one HTTP integration at the node's own webhook URL, one tool in it,
 * and that tool on each chosen agent's draft. Nothing is kept in n8n: the integration is found by
 * its URL and the workflow and node ids in its description, so a restart, a lost static data or a
 * copy of the workflow (another id) never mixes up whose integration is whose.
 */

const TRIGGER = 'Diga Agent Tool Trigger';
/** What a log line says when removing something no longer wanted failed during an activation. */
const NEXT_ACTIVATION = 'the next activation tries again; or remove it in Diga.';

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
	// They are not in the form, so a failure there must not fail the activation: logged, and kept to try again next time.
	const cleanup = new KeepGoing(setup.context, TRIGGER);
	const noLonger = servedAgents(setup.context).filter((id) => !definition.agentIds.includes(id));
	const dropped = await takeOff(setup, found.id, noLonger, cleanup, NEXT_ACTIVATION);
	if (definition.publish) {
		await publish(setup, changed, `tool ${definition.name} added`);
		if (dropped.changed.length) await cleanup.attempt(`publish the drafts of agents ${dropped.changed.join(', ')}`, NEXT_ACTIVATION, async () => await publish(setup, dropped.changed, 'tool removed'));
	}
	rememberServed(setup.context, [...agentIds, ...dropped.failed]);
}

/**
 * Takes the integration's tool off each agent's draft, going on past failures (`cleanup` logs them
 * with `advice`; 404, no such agent: nothing to take off). Which drafts changed, which failed.
 */
async function takeOff(setup: Setup, integrationId: string, agentIds: string[], cleanup: KeepGoing, advice: string): Promise<{ changed: string[]; failed: string[] }> {
	const changed: string[] = [];
	const failed: string[] = [];
	for (const agentId of agentIds) {
		const done = await cleanup.attempt(`take the tool off agent ${agentId}'s draft`, advice, async () => {
			if ((await changeAssignments(setup.client, agentId, { remove: [{ integrationId, toolIds: [] }] })).changed) changed.push(agentId);
		});
		if (!done) failed.push(agentId);
	}
	return { changed, failed };
}

/**
 * Takes the tool off the agents' drafts, then deletes the tools and the integration. Keeps going
 * past any failure, so one agent cannot leave the others, the tools and the integration behind;
 * `cleanup` says in n8n's log what could not be removed, with `advice`; the caller decides whether
 * that fails the hook.
 */
async function tearDown(setup: Setup, integration: Integration, agentIds: string[], publishAfter: boolean, cleanup: KeepGoing, advice: string): Promise<void> {
	const { changed } = await takeOff(setup, integration.id, agentIds, cleanup, advice);
	if (publishAfter && setup.live && changed.length) await cleanup.attempt(`publish the drafts of agents ${changed.join(', ')}`, advice, async () => await publish(setup, changed, 'tool removed'));
	await cleanup.attempt(`delete the tools of integration ${integration.id}`, advice, async () => {
		for (const tool of await readList<Tool>(setup.client, toolsOf(integration.id))) await remove(setup.client, `${toolsOf(integration.id)}/${tool.id}`);
	});
	await cleanup.attempt(`delete integration ${integration.id}`, advice, async () => await remove(setup.client, `${INTEGRATIONS}/${integration.id}`));
}

/** The chosen agents to give the tool, checked before any write: Diga has them, and none has another tool of this name (toolAgents.ts). */
async function agentsFor(context: IHookFunctions, setup: Setup, definition: ToolDefinition, { all, own, twins }: Found): Promise<string[]> {
	const mine = [...own, ...twins].map((integration) => String(integration.id).toLowerCase());
	return await agentsToServe(context, setup.client, definition.agentIds, { name: definition.name, integrations: all, own: mine, marker: setup.marker });
}

/**
 * `checkExists`: whether Diga has this node's integration. If so it is brought up to date (a
 * changed definition updates the tool; a missing tool or assignment is made again) and any second
 * one (a create whose answer was lost) is torn down.
 */
export async function toolExists(this: IHookFunctions): Promise<boolean> {
	const definition = readToolDefinition(this);
	const setup = await setUp(this);
	const listed = await findOwn(setup.client, setup.base, setup.marker);
	const { own, twins } = listed;
	if (!setup.live && twins.length) refuseBesideProduction(setup, definition);
	const [found, ...extra] = own;
	const leftovers = [...extra, ...twins];
	if (!found && !leftovers.length) return false;
	// Before any write: a person activating with a missing agent, or one with another tool of this name, is refused with Diga as it was.
	const agentIds = await agentsFor(this, setup, definition, listed);
	// Production wins over a test tool of its own: made while listening, or left by an n8n that stopped listening without removing it.
	// What cannot be removed now is logged and found again at the next activation: it does not fail this one.
	const cleanup = new KeepGoing(this, TRIGGER);
	for (const leftover of leftovers) await tearDown(setup, leftover, definition.agentIds, false, cleanup, NEXT_ACTIVATION);
	if (!found) return false;
	await reconcile(setup, definition, found, agentIds);
	await rememberProof(this, setup.secret);
	return true;
}

/** `create`: one integration at this node's URL, its tool, and the tool on each chosen agent's draft. */
export async function createTool(this: IHookFunctions): Promise<boolean> {
	const definition = readToolDefinition(this);
	const setup = await setUp(this);
	const agentIds = await agentsFor(this, setup, definition, await findOwn(setup.client, setup.base, setup.marker));
	const created = await setup.client.request<Integration>({
		method: 'POST',
		path: INTEGRATIONS,
		body: { ...integrationBody(setup, definition), integration_type: 'HTTP' },
		expect: aRecord('an integration', 'id'),
		lostAnswer: { mayHave: 'Diga may have created the integration', check: 'Activate the workflow again: the trigger finds its integration by its URL and finishes it.' },
		beforeResend: async () => (await findOwn(setup.client, setup.base, setup.marker)).own[0],
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
	const { own, twins } = await findOwn(setup.client, setup.base, setup.marker);
	// Deactivating also removes a test tool of its own left behind; the test listener's end removes only its own.
	// It fails at the end with the first failure, so n8n reports the deactivation failed.
	const cleanup = new KeepGoing(this, TRIGGER);
	const advice = 'remove it in Diga, or activate and deactivate the workflow again.';
	for (const integration of [...own, ...(setup.live ? twins : [])]) await tearDown(setup, integration, agentIds, publishAfter, cleanup, advice);
	cleanup.throwFirst();
	await rememberProof(this, undefined);
	if (setup.live) rememberServed(this, undefined);
	return true;
}
