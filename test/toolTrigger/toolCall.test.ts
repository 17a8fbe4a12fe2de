import type { WebhookHarness } from '../../dev/engine/runWebhook';
import { PROOF_HEADER, toolProof } from '../../nodes/Diga/trigger/toolSecret';
import type { ToolContext } from '../../nodes/Diga/trigger/toolDefinition';
import { TEST_API_KEY, useDigaServer } from '../helpers';
import { callTool, orderTool, ToolHarnesses } from './harness';

const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
afterEach(async () => await harnesses.stopAll());

/** The secret as the trigger of workflow `h` derives it for an API key (the harness's node id is `trigger`). */
async function secretOf(h: WebhookHarness, apiKey = TEST_API_KEY): Promise<string> {
	const context = { getCredentials: async () => ({ apiKey }), getWorkflow: () => ({ id: h.workflowId }), getNode: () => ({ id: 'trigger', name: 'x' }) };
	return await toolProof(context as unknown as ToolContext);
}

const orderUrl = (h: WebhookHarness, region = 'north') => h.url.replace(':region', region);

describe('Diga Agent Tool Trigger: a call of the tool', () => {
	test('with the secret: one execution whose item holds the declared parameters typed as declared, and everything else Diga sent without the secret', async () => {
		const h = await harnesses.start(orderTool());
		expect(h.url).toMatch(/\/webhook\/[0-9a-f-]+\/tool\/:region$/);
		const secret = await secretOf(h);
		const before = server.requests.length;

		const answer = await callTool(orderUrl(h, 'north%20east'), {
			body: { order_number: '1042', call_id: 'c-1', caller: '+34911234567' },
			query: { gift: 'true', lang: 'es' },
			headers: { [PROOF_HEADER]: secret, 'x-diga-call': 'c-1' },
		});

		expect(answer.status).toBe(200);
		expect(h.executions).toHaveLength(1);
		const item = h.executions[0].items[0].json;
		expect(item).toMatchObject({ order_number: 1042, gift: true, region: 'north east' });
		expect(item.request).toMatchObject({
			body: { order_number: '1042', call_id: 'c-1', caller: '+34911234567' },
			query: { gift: 'true', lang: 'es' },
			path: { region: 'north east' },
			headers: expect.objectContaining({ 'x-diga-call': 'c-1' }),
		});
		expect(JSON.stringify(item)).not.toContain(secret);
		expect(JSON.stringify(answer.body)).not.toContain(secret);
		expect(answer.body).toMatchObject({ order_number: 1042, answered: true });
		// Zero requests to Diga while answering.
		expect(server.requests.length).toBe(before);
	});

	test.each([
		['no secret header', {}],
		['a wrong secret', { [PROOF_HEADER]: 'x'.repeat(43) }],
		['a secret of another length', { [PROOF_HEADER]: 'short' }],
	])('with %s: 401, no execution, no request to Diga', async (_name, headers) => {
		const h = await harnesses.start(orderTool());
		const before = server.requests.length;
		const answer = await callTool(orderUrl(h), { body: { order_number: 7 }, headers });
		expect(answer.status).toBe(401);
		expect(answer.body.message).toBe('This tool only answers the Diga agent it belongs to.');
		expect(h.executions).toHaveLength(0);
		expect(server.requests.length).toBe(before);
	});

	test("a copy of the workflow (another workflow id) has another secret: the copy's is refused by the original", async () => {
		const original = await harnesses.start(orderTool());
		const copy = await harnesses.start(orderTool());
		const copySecret = await secretOf(copy);
		expect(copySecret).not.toBe(await secretOf(original));
		expect((await callTool(orderUrl(original), { body: { order_number: 7 }, headers: { [PROOF_HEADER]: copySecret } })).status).toBe(401);
		expect((await callTool(orderUrl(copy), { body: { order_number: 7 }, headers: { [PROOF_HEADER]: copySecret } })).status).toBe(200);
	});

	test('another API key in the credential gives another secret (the old one is refused)', async () => {
		const h = await harnesses.start(orderTool(), { apiKey: 'diga_other_key_0000' });
		const old = await secretOf(h, TEST_API_KEY);
		expect((await callTool(orderUrl(h), { body: { order_number: 7 }, headers: { [PROOF_HEADER]: old } })).status).toBe(401);
		expect((await callTool(orderUrl(h), { body: { order_number: 7 }, headers: { [PROOF_HEADER]: await secretOf(h, 'diga_other_key_0000') } })).status).toBe(200);
	});

	test.each([
		['a required parameter missing', { gift: 'true' }, {}, 'The tool needs "order_number", and it was not given.'],
		['a whole number that is not one', { order_number: '10.5' }, {}, '"order_number" must be a whole number.'],
		['a number written in hex, not as a decimal', { order_number: '0x10' }, {}, '"order_number" must be a whole number.'],
		['a number written in binary, not as a decimal', { order_number: '0b11' }, {}, '"order_number" must be a whole number.'],
		['a yes-or-no that is not one', { order_number: 3 }, { gift: 'maybe' }, '"gift" must be yes or no (true or false).'],
	])('with %s: 400 with a sentence the agent can say, no execution', async (_name, body, query, message) => {
		const h = await harnesses.start(orderTool());
		const answer = await callTool(orderUrl(h), { body, query, headers: { [PROOF_HEADER]: await secretOf(h) } });
		expect(answer).toEqual({ status: 400, body: { message } });
		expect(h.executions).toHaveLength(0);
	});

	test('an optional parameter left out is absent from the item; numbers and yes-or-no typed from JSON values too', async () => {
		const h = await harnesses.start(orderTool());
		await callTool(orderUrl(h), { body: { order_number: 12 }, headers: { [PROOF_HEADER]: await secretOf(h) } });
		const item = h.executions[0].items[0].json;
		expect(item.order_number).toBe(12);
		expect('gift' in item).toBe(false);
	});
});
