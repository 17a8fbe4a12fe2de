/**
 * What an n8n user sees first, searching "Diga" in the node panel (n8n 1.123 and 2.40). The editor
 * merges a trigger into the action node whose type name it repeats (`digaTrigger` → `diga`) and
 * shows the trigger's description for the merged entry (useActionsGeneration's
 * generateMergedNodesAndActions: "default to trigger description").
 */
import { DigaTrigger } from '../nodes/Diga/DigaTrigger.node';
import { pkg } from './helpers';

const trigger = new DigaTrigger().description;
const action = pkg.node.description;

test('the Diga entry describes the action node, not the trigger alone', () => {
	expect(trigger.name.replace('Trigger', '')).toBe(action.name); // so n8n merges the two
	expect(trigger.description).toBe(action.description);
	expect(trigger.description).toBe('Manage the phone numbers, AI voice agents and calls of your Diga account');
});

test('the Actions list: one short n8n-style sentence per operation', () => {
	const actions = action.properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) => (selector.options as Array<{ action: string }>).map((option) => option.action));
	expect(actions.length).toBeGreaterThanOrEqual(15);
	for (const text of actions) {
		expect(text.length).toBeLessThanOrEqual(60);
		expect(text).toMatch(/^[A-Z][^:]*$/); // a sentence, not "Verb a thing: a manual…"
	}
});

test('the Resource menu and every Operation menu come from the registry, in alphabetical order', () => {
	const resource = action.properties.find((property) => property.name === 'resource')!;
	const names = (resource.options as Array<{ name: string }>).map((option) => option.name);
	expect(names).toEqual(['Account', 'Agent', 'Agent Version', 'Call', 'Integration', 'Integration Tool', 'Knowledge Base', 'Knowledge Item', 'Phone', 'Voice']);
	for (const selector of action.properties.filter((property) => property.name === 'operation')) {
		const options = (selector.options as Array<{ name: string }>).map((option) => option.name);
		expect(options).toEqual([...options].sort((a, b) => a.localeCompare(b)));
	}
});
