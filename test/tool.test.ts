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
	test.each([
		['phone', 'get', 'Get a phone: one phone number with its status and the agents on it, found by its ID or by the number itself (e.g. +34911234567) in Diga'],
		['phone', 'getAll', 'Get many phones: the phone numbers of the account with their IDs, status and agent IDs, optionally filtered by status or agent ID in Diga'],
		['phone', 'import', 'Import a phone: bring a number (e.g. +34675897654) or SIP user from your own SIP trunk into Diga, with its inbound and outbound SIP settings in Diga'],
		['phone', 'release', 'Release a phone: give the number up for good, not reversible. Needs the phone ID or the number. Reserved and pending-verification numbers cannot be released in Diga'],
		['phone', 'update', 'Update a phone: rename it, or set the agent version that answers its calls or calls from it. Needs the phone ID or the number, and agent version IDs in Diga'],
		['phone', 'updateSipConfig', 'Update the SIP config of a phone: change the SIP trunk settings (termination URI, credentials, encryption, allowed addresses) of an imported number. Needs the phone ID or the number in Diga'],
		['agent', 'get', 'Get an agent: its settings at its published or a chosen version, with that version ID. Needs the agent ID in Diga'],
		['agent', 'getAll', 'Get many agents: the agents of the account with their agent IDs and current version IDs in Diga'],
		['agent', 'update', 'Update an agent’s draft: change its name, prompt, greeting, language, voice, volume, voicemail or reminder settings (launch a version to use them). Needs the agent ID in Diga'],
		['agent', 'publishVersion', 'Publish an agent version: make it the version that goes live on calls, optionally on an inbound and an outbound phone. Needs the agent ID and the version ID in Diga'],
		['agentVersion', 'create', 'Create an agent version: launch a new numbered version from the agent’s current draft, ready to publish. Needs the agent ID in Diga'],
		['agentVersion', 'getAll', 'Get many agent versions: the versions of one agent with their version IDs, numbers and which one is published. Needs the agent ID in Diga'],
		['call', 'delete', 'Delete calls: remove finished calls and their transcripts from Diga for good, not reversible; calls still in progress are left alone. Needs the call IDs in Diga'],
		['call', 'getRecording', 'Get the recording of a call: its audio URL, and by default the audio file itself as binary data. Needs the call ID of a finished call in Diga'],
		['call', 'get', 'Get a call: its status, direction, phone, agent, contact and timing. Needs the call ID in Diga'],
		['call', 'getAll', 'Get many calls: the calls of the account with their call IDs, newest first, optionally filtered by agent ID, phone ID, status, direction or creation date in Diga'],
		['call', 'getMessages', 'Get the messages of a call: its transcript, what the agent and the caller said, in order. Needs the call ID in Diga'],
		['call', 'make', 'Make a call: the AI agent on one of your lines phones a Spanish number (+34…) now. Needs the line’s phone ID or number and the number to call in Diga'],
	])('%s → %s', (resource, operation, expected) => {
		expect(toolDescription(resource, operation)).toBe(expected);
	});

	test('every operation has such a description, not n8n’s bare "<operation> <resource>" fallback', () => {
		const selectors = pkg.node.description.properties.filter((p) => p.name === 'operation');
		for (const selector of selectors) {
			const resource = selector.displayOptions!.show!.resource![0] as string;
			for (const option of selector.options as Array<{ value: string; action?: string }>) {
				const text = toolDescription(resource, option.value);
				expect(text).toBe(`${option.action} in Diga`);
				expect(text.length).toBeGreaterThan(60);
			}
		}
	});

	test('a phone field tells who fills it what it takes: an ID or the number', () => {
		const phone = pkg.node.description.properties.find((p) => p.name === 'phoneId');
		expect(phone?.description).toBe('The phone to work on: its Diga ID (a UUID) or the number itself in international format, e.g. +34911234567');
	});
});

describe('what a model reads about Call → Delete’s parameter', () => {
	test('the call ID’s text says deleting cannot be undone and active calls are left alone', () => {
		const callId = pkg.node.description.properties.find((p) => p.name === 'callId' && p.displayOptions?.show?.operation?.includes('delete'));
		expect(callId?.description).toMatch(/^The ID of the call to delete for good, with its transcript: this cannot be undone\. Calls still in progress are left alone\./);
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
