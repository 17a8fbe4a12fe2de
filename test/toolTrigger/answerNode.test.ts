/**
 * Respond With "Using the Diga Agent Tool Answer Node" needs one after the trigger that n8n runs: a
 * person activating without one (or with only a disabled one, which n8n skips) is refused before any
 * request; at n8n's start the tool stays (refusing would take it away) and n8n's log says why it
 * does not answer.
 */
import { IDS, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses, useWarningsAndHarnesses } from './harness';

const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
const warnings = useWarningsAndHarnesses(harnesses);
const { assignmentsOf } = digaView(server);
const ANSWER = { name: 'Answer the Agent', type: 'n8n-nodes-diga.digaToolAnswer' };

describe('Diga Agent Tool Trigger: Respond With the Answer node', () => {
	test('only a disabled Answer node after the trigger: refused like none, nothing made in Diga', async () => {
		const h = await harnesses.start(orderTool({ respondWith: 'answerNode' }), { followedBy: [{ ...ANSWER, disabled: true }] });
		await expect(h.activate()).rejects.toThrow('No Diga Agent Tool Answer node after this trigger');
		expect(server.state.integrations).toEqual([]);
	});

	test('n8n starts a workflow that has none (made before this check): the agent keeps the tool, n8n\'s log says it gets no answer', async () => {
		const answered = await harnesses.start(orderTool({ respondWith: 'answerNode' }), { followedBy: [ANSWER] });
		await answered.activate();
		const restarted = await harnesses.start(orderTool({ respondWith: 'answerNode' }), { restartOf: answered, staticData: answered.savedStaticData });
		await restarted.activate('init');
		expect(assignmentsOf(IDS.supportAgent)).toHaveLength(1);
		expect(warnings).toEqual([expect.stringContaining('No Diga Agent Tool Answer node after this trigger')]);
	});
});
