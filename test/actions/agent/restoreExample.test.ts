/**
 * examples/update-agent-and-release.json: when the test call fails, "Restore draft" writes the
 * greeting the draft had before back, whatever it was: a text, none (null), or an empty text (what
 * Clear Fields → Greeting leaves). The node's own parameters from the example run through n8n's
 * engine; only the reference to the "Update draft" node becomes `$json` (the engine runs one node).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { IDS, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const example = JSON.parse(readFileSync(join(__dirname, '../../../examples/update-agent-and-release.json'), 'utf8')) as { nodes: Array<{ name: string; parameters: INodeParameters }> };
const restoreDraft = JSON.parse(JSON.stringify(example.nodes.find((node) => node.name === 'Restore draft')!.parameters).split("$('Update draft').item.json").join('$json')) as INodeParameters;
const draft = () => server.state.agents.find((a) => a.agent_id === IDS.salesAgent)!.versions.find((v) => v.is_draft)?.config;

describe('Example "update agent and release": Restore draft puts the previous greeting back', () => {
	test.each([
		['a text', 'Buenos días'],
		['none (null)', null],
		['an empty text', ''],
	])('the previous greeting was %s: the draft has it again', async (_name, previous) => {
		const result = await run(server, { items: [{ previous: { greeting: previous } }], parameters: restoreDraft });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH').map((r) => r.body)).toEqual([{ greeting: previous }]);
		expect(draft()?.greeting).toBe(previous);
	});
});
