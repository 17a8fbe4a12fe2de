import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SUPPORT_CALL_TOOLS } from '../../../dev/diga-server/fixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const transfer = (toolName: string, targetNumber: string, rest: IDataObject = {}, agentId: string = IDS.supportAgent) =>
	({ resource: 'agent', operation: 'transferNumber', agentId: locator('list', agentId), toolName, targetNumber, ...rest }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`.trim());
const draftTools = () => server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!.config!.call_tools;

describe('Agent → Set Transfer Number', () => {
	test('reads the draft, then PATCHes every call tool as it was but the one named, with the new number', async () => {
		const result = await run(server, { parameters: transfer('transfer_to_oncall', '+34 600 999 888') });

		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /v1/agent/${IDS.supportAgent}`, `PATCH /v1/agent/${IDS.supportAgent}`]);
		expect(server.requests[1].body).toEqual({
			call_tools: [{ ...SUPPORT_CALL_TOOLS[0], target_number: '+34600999888' }, SUPPORT_CALL_TOOLS[1], SUPPORT_CALL_TOOLS[2]],
		});
		expect(result.items).toEqual([{ json: expect.objectContaining({ agent_id: IDS.supportAgent, is_draft: true }), pairedItem: { item: 0 } }]);
		expect(result.items[0].json.previous).toBeUndefined();
		expect(draftTools()).toEqual([{ ...SUPPORT_CALL_TOOLS[0], target_number: '+34600999888' }, SUPPORT_CALL_TOOLS[1], SUPPORT_CALL_TOOLS[2]]);
	});

	test('an extension after # and a new description; Include Previous Values outputs the tools before', async () => {
		const result = await run(server, {
			parameters: transfer('transfer_to_billing', '+34911000222#205', { additionalFields: { toolDescription: 'Billing, weekdays' }, includePreviousValues: true }),
		});
		expect(server.requests[1].body).toEqual({
			call_tools: [SUPPORT_CALL_TOOLS[0], SUPPORT_CALL_TOOLS[1], { ...SUPPORT_CALL_TOOLS[2], target_number: '+34911000222#205', description: 'Billing, weekdays' }],
		});
		expect(result.items[0].json.previous).toEqual({ call_tools: SUPPORT_CALL_TOOLS });
	});

	test('two items changing two tools of the same agent: both changes stay (one read-and-replace at a time)', async () => {
		const result = await run(server, {
			items: [
				{ tool: 'transfer_to_oncall', number: '+34600000001' },
				{ tool: 'transfer_to_billing', number: '+34600000002' },
			],
			parameters: transfer('={{ $json.tool }}', '={{ $json.number }}'),
		});
		expect(result.error).toBeUndefined();
		expect(draftTools()).toEqual([
			{ ...SUPPORT_CALL_TOOLS[0], target_number: '+34600000001' },
			SUPPORT_CALL_TOOLS[1],
			{ ...SUPPORT_CALL_TOOLS[2], target_number: '+34600000002' },
		]);
	});

	test('a name that matches no transfer tool: an error listing the tools there are; nothing changed', async () => {
		const result = await run(server, { parameters: transfer('end_call', '+34600999888') });
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: `No transfer tool named "end_call" in agent ${IDS.supportAgent}’s draft`,
			description: 'Transfer Tool Name: the transfer tools there are "transfer_to_oncall", "transfer_to_billing" (hang-up tools: "end_call").',
		});
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('two transfer tools with the same name: an error, nothing changed', async () => {
		const draft = server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!;
		draft.config = { call_tools: [SUPPORT_CALL_TOOLS[0], { ...SUPPORT_CALL_TOOLS[2], name: 'transfer_to_oncall' }] };
		const result = await run(server, { parameters: transfer('transfer_to_oncall', '+34600999888') });
		expect(result.error).toMatchObject({ message: `2 transfer tools are named "transfer_to_oncall" in agent ${IDS.supportAgent}’s draft` });
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('an agent with no draft and no call tools: the error says so and lists none', async () => {
		const result = await run(server, { parameters: transfer('transfer_to_oncall', '+34600999888', {}, IDS.nightAgent) });
		expect(result.error).toMatchObject({
			message: `No transfer tool named "transfer_to_oncall" in agent ${IDS.nightAgent} (it has no draft yet: this is the version Diga answers)`,
			description: 'Transfer Tool Name: the transfer tools there are none.',
		});
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test.each([
		['0034600999888', 'Target Number is not a phone number in international format: "0034600999888"'],
		['+34600999888#ext', 'Target Number is not a phone number in international format: "+34600999888#ext"'],
		['+34 600 99#1#2', 'Target Number is not a phone number in international format: "+34 600 99#1#2"'],
	])('%j is refused before any request', async (number, message) => {
		const result = await run(server, { parameters: transfer('transfer_to_oncall', number) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});

	test('an empty tool name is refused before any request', async () => {
		const result = await run(server, { parameters: transfer(' ', '+34600999888') });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Transfer Tool Name is empty' });
		expect(server.requests).toHaveLength(0);
	});
});
