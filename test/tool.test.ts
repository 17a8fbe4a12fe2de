/**
 * The node as an AI Agent tool. n8n describes the tool to the model as "<the operation's
 * action> in Diga" (NodeHelpers.getToolDescriptionForNode) and gives it one argument per
 * `$fromAI()` in the parameters (createNodeAsTool): these tests read both as n8n builds them.
 */
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { IDS, locator, pkg, run, useDigaServer } from './helpers';

const server = useDigaServer();

const node = (parameters: INodeParameters): INode => ({
	id: 'tool',
	name: 'Diga',
	type: 'n8n-nodes-diga.diga',
	typeVersion: 1,
	position: [0, 0],
	parameters,
});

const toolDescription = (resource: string, operation: string) =>
	NodeHelpers.getToolDescriptionForNode(node({ resource, operation }), pkg.node);

describe('what a model reads about each operation', () => {
	// Before issue 18 the action texts were written for models (up to 181 characters), and the editor
	// showed them to everyone in the Actions list. Now they are n8n-style sentences of at most 60
	// characters that still say what a model must know (irreversible, rings now, ID or number); the
	// rest is in the fields' descriptions. Each row: what the model read before, and reads now.
	test.each([
		['phone', 'get', 'Get a phone: one phone number with its status and the agents on it, found by its ID or by the number itself (e.g. +34911234567) in Diga', 'Get a phone by ID or number in Diga'],
		['phone', 'getAll', 'Get many phones: the phone numbers of the account with their IDs, status and agent IDs, optionally filtered by status or agent ID in Diga', 'Get many phones, optionally by status or agent in Diga'],
		['phone', 'import', 'Import a phone: bring a number (e.g. +34675897654) or SIP user from your own SIP trunk into Diga, with its inbound and outbound SIP settings in Diga', 'Import a phone number from your SIP trunk in Diga'],
		['phone', 'release', 'Release a phone: give the number up for good, not reversible. Needs the phone ID or the number. Reserved and pending-verification numbers cannot be released in Diga', 'Release a phone number for good (irreversible) in Diga'],
		['phone', 'update', 'Update a phone: rename it, or set the agent version that answers its calls or calls from it. Needs the phone ID or the number, and agent version IDs in Diga', 'Update a phone’s name or agent versions in Diga'],
		['phone', 'updateSipConfig', 'Update the SIP config of a phone: change the SIP trunk settings (termination URI, credentials, encryption, allowed addresses) of an imported number. Needs the phone ID or the number in Diga', 'Update the SIP trunk settings of a phone in Diga'],
		['agent', 'get', 'Get an agent: its settings at its published or a chosen version, with that version ID. Needs the agent ID in Diga', 'Get an agent at its published or a chosen version in Diga'],
		['agent', 'getAll', 'Get many agents: the agents of the account with their agent IDs and current version IDs in Diga', 'Get many agents in Diga'],
		['agent', 'publishVersion', 'Publish an agent version: make it the version that goes live on calls, optionally on an inbound and an outbound phone. Needs the agent ID and the version ID in Diga', 'Publish an agent version, optionally on phones in Diga'],
		['agentVersion', 'create', 'Create an agent version: launch a new numbered version from the agent’s current draft, ready to publish. Needs the agent ID in Diga', 'Create an agent version from its draft in Diga'],
		['agentVersion', 'getAll', 'Get many agent versions: the versions of one agent with their version IDs, numbers and which one is published. Needs the agent ID in Diga', 'Get many versions of an agent in Diga'],
		['call', 'get', 'Get a call: its status, direction, phone, agent, contact and timing. Needs the call ID in Diga', 'Get a call by ID in Diga'],
		['call', 'getAll', 'Get many calls: the calls of the account with their call IDs, newest first, optionally filtered by agent ID, phone ID, status, direction or creation date in Diga', 'Get many calls, newest first in Diga'],
		['call', 'getMessages', 'Get the messages of a call: its transcript, what the agent and the caller said, in order. Needs the call ID in Diga', 'Get the transcript of a call in Diga'],
		['call', 'make', 'Make a call: the AI agent on one of your lines phones a Spanish number (+34…) now. Needs the line’s phone ID or number and the number to call in Diga', 'Make a call from a Diga line (rings the number now) in Diga'],
	])('%s → %s', (resource, operation, _before, now) => {
		expect(toolDescription(resource, operation)).toBe(now);
	});

	test.each([
		['agent', 'update', 'Update an agent’s draft (prompt, greeting, voice…) in Diga'],
		['call', 'delete', 'Delete calls and their transcripts for good (irreversible) in Diga'],
		['call', 'getRecording', 'Get the recording of a call, with its audio file in Diga'],
		['integration', 'delete', 'Delete an integration and its tools (irreversible) in Diga'],
		['integrationTool', 'delete', 'Delete an HTTP tool of an integration (irreversible) in Diga'],
		['integrationTool', 'setApproval', 'Set whether a tool needs the caller’s approval in Diga'],
	])('%s → %s (added after issue 18)', (resource, operation, now) => {
		expect(toolDescription(resource, operation)).toBe(now);
	});

	test('Call → Delete’s call ID tells a model that deleting cannot be undone and active calls are left alone', () => {
		const callId = pkg.node.description.properties.find((p) => p.name === 'callId' && p.displayOptions?.show?.operation?.includes('delete'));
		expect(callId?.description).toMatch(/^The ID of the call to delete for good, with its transcript: this cannot be undone\. Calls still in progress are left alone\./);
	});

	test('every operation has an n8n-style action of at most 60 characters, not n8n’s bare "<operation> <resource>" fallback', () => {
		const selectors = pkg.node.description.properties.filter((p) => p.name === 'operation');
		for (const selector of selectors) {
			const resource = selector.displayOptions!.show!.resource![0] as string;
			for (const option of selector.options as Array<{ value: string; action?: string }>) {
				expect(option.action).toBeDefined();
				expect(option.action!.length).toBeLessThanOrEqual(60);
				expect(toolDescription(resource, option.value)).toBe(`${option.action} in Diga`);
			}
		}
	});

	test('the fields a model fills say what they take: which ID, or a number', () => {
		const described = (name: string) => pkg.node.description.properties.filter((p) => p.name === name).map((p) => p.description);
		expect(described('agentId')).toEqual(expect.arrayContaining([expect.stringMatching(/Diga ID/)]));
		expect(described('from')).toEqual([expect.stringMatching(/its ID or its number, e\.g\. \+34/)]);
		expect(described('to')).toEqual([expect.stringMatching(/international format/)]);
		expect(described('callId')).toEqual(expect.arrayContaining([expect.stringMatching(/ID of the call/)]));
	});

	test('a phone field tells who fills it what it takes: an ID or the number', () => {
		const phone = pkg.node.description.properties.find((p) => p.name === 'phoneId');
		expect(phone?.description).toBe('The phone to work on: its Diga ID (a UUID) or the number itself in international format, e.g. +34911234567');
	});
});

describe('the tool n8n builds from a configured node', () => {
	const parameters = {
		resource: 'phone',
		operation: 'update',
		phoneId: locator('list', "={{ $fromAI('phone', 'The phone number, e.g. +34911234567', 'string') }}"),
		updateFields: { nickname: "={{ $fromAI('nickname', 'The new name of the line', 'string') }}" },
	} as INodeParameters;

	test('is named after the node, described by the operation, and asks for exactly the $fromAI arguments', () => {
		const { response: tool } = createNodeAsTool({ node: node(parameters), nodeType: pkg.node, handleToolInvocation: async () => '' });

		expect(tool.name).toBe('Diga');
		expect(tool.description).toBe(toolDescription('phone', 'update'));
		expect(Object.keys(tool.schema.shape)).toEqual(['phone', 'nickname']);
		expect(tool.schema.shape.phone.description).toBe('The phone number, e.g. +34911234567');
	});
});

describe('By Number works for tools: a model knows numbers, not ids', () => {
	// What `$fromAI('phone')` gives the node when the model answers with a number, whatever
	// mode the locator was left in.
	test.each(['list', 'id', 'number'])('a number in the %s mode is looked up, then the phone is updated', async (mode) => {
		const result = await run(server, {
			items: [{ fromModel: '+34 931 11 22 33' }],
			parameters: {
				resource: 'phone',
				operation: 'update',
				phoneId: locator(mode, '={{ $json.fromModel }}'),
				updateFields: { nickname: 'Set by the agent' },
			},
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/phone/', `PATCH /v1/phone/${IDS.supportPhone}`]);
		expect(result.items[0].json).toMatchObject({ id: IDS.supportPhone, nickname: 'Set by the agent' });
	});

	test('an id in the By Number mode is taken as the id (a model may pass one from an earlier answer)', async () => {
		const result = await run(server, {
			items: [{ fromModel: IDS.salesPhone }],
			parameters: { resource: 'phone', operation: 'get', phoneId: locator('number', '={{ $json.fromModel }}') },
		});
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/phone/${IDS.salesPhone}`]);
		expect(result.items[0].json.id).toBe(IDS.salesPhone);
	});

	test('anything else still fails with the field’s name', async () => {
		const result = await run(server, {
			items: [{ fromModel: 'the sales line' }],
			parameters: { resource: 'phone', operation: 'get', phoneId: locator('list', '={{ $json.fromModel }}') },
		});
		expect(result.error?.message).toBe('Phone is not a valid ID: "the sales line"');
		expect(server.requests).toHaveLength(0);
	});
});
