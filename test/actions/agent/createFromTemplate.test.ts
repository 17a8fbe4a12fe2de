import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../../../dev/diga-server/digaServer';
import { TEMPLATE_IDS } from '../../../dev/diga-server/onboardingFixtures';
import { locator, run, searchContext, useDigaServer } from '../../helpers';
import { pkg } from '../../helpers';

const server = useDigaServer();

const variables = (values: Record<string, string>) => ({ variable: Object.entries(values).map(([name, value]) => ({ name, value })) });
const copy = (rest: IDataObject = {}) =>
	({
		resource: 'agent',
		operation: 'createFromTemplate',
		templateId: locator('list', TEMPLATE_IDS.clinicReception),
		agentName: 'Acme Dental',
		variables: variables({ company: 'Acme Dental', hours: '9–18' }),
		...rest,
	}) as INodeParameters;
const posts = () => server.requestsTo('POST');
const errorOf = (result: { error?: unknown }) => result.error as (Error & { description?: string }) | undefined;

describe('Agent → Create From Template', () => {
	test('reads the template, then POST /template/{id}/copy with the name and variables; the new agent as output', async () => {
		const result = await run(server, { parameters: copy() });

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['GET', `/v1/agent/template/${TEMPLATE_IDS.clinicReception}`, undefined],
			['POST', `/v1/agent/template/${TEMPLATE_IDS.clinicReception}/copy`, { agent_name: 'Acme Dental', variables: { company: 'Acme Dental', hours: '9–18' } }],
		]);
		const created = server.state.agents[3];
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ agent_id: created.agent_id, name: 'Acme Dental', prompt: 'Eres la recepción de Acme Dental. Horario: 9–18.', source_template_id: TEMPLATE_IDS.clinicReception }), pairedItem: { item: 0 } },
		]);
	});

	test('no Agent Name: not sent (Diga names it after the template); a variable written as <<name>> is read as name', async () => {
		await run(server, { parameters: copy({ agentName: '', variables: variables({ '<<company>>': 'Acme', hours: 'siempre' }) }) });
		expect(posts()[0].body).toEqual({ variables: { company: 'Acme', hours: 'siempre' } });
		expect(server.state.agents[3].name).toBe('Clinic reception');
	});

	test('names and values from expressions, per item: each item its own agent', async () => {
		const result = await run(server, {
			items: [{ company: 'Acme', hours: '9–14' }, { company: 'Beta', hours: '24 h' }],
			parameters: copy({ agentName: '={{ $json.company }} reception', variables: variables({ company: '={{ $json.company }}', hours: '={{ $json.hours }}' }) }),
		});
		expect(posts().map((r) => r.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
			{ agent_name: 'Acme reception', variables: { company: 'Acme', hours: '9–14' } },
			{ agent_name: 'Beta reception', variables: { company: 'Beta', hours: '24 h' } },
		]);
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Acme reception', { item: 0 }],
			['Beta reception', { item: 1 }],
		]);
	});

	test('a 503 from a gateway that passed the copy on: an agent of that name (the template’s, no Agent Name) made just now leaves the outcome unknown, not copied again', async () => {
		server.fault({ status: 503, headers: { 'retry-after': '0' }, afterActing: true, method: 'POST' });
		const result = await run(server, { parameters: copy({ agentName: '' }) });
		expect(posts()).toHaveLength(1);
		expect(String((result.error as Error | undefined)?.message)).toMatch(/^Outcome unknown: Diga may have created the agent/);
	});

	test('a variable the template needs is missing: refused before any copy, naming it', async () => {
		const result = await run(server, { parameters: copy({ variables: variables({ company: 'Acme' }) }) });
		expect(errorOf(result)?.message).toBe('Variables: template "Clinic reception" needs <<hours>>');
		expect(posts()).toEqual([]);
	});

	test('an unknown template: 404 named, nothing created', async () => {
		const missing = '70000000-0009-4000-8000-000000000009';
		const result = await run(server, { parameters: copy({ templateId: locator('id', missing) }) });
		expect(errorOf(result)?.message).toBe(`Diga has no agent template ${missing}`);
		expect(posts()).toEqual([]);
	});

	test('a 504 after Diga copied it: sent once, "Outcome unknown" naming the agent to look for', async () => {
		server.fault({ status: 504, afterActing: true, method: 'POST' } as Fault);
		const result = await run(server, { parameters: copy() });
		expect(posts()).toHaveLength(1);
		expect(server.state.agents).toHaveLength(4);
		expect(errorOf(result)?.message).toMatch(/^Outcome unknown: Diga may have created the agent "Acme Dental" from template 70000000-0001-4000-8000-000000000001, but its answer was lost/);
		expect(errorOf(result)?.description).toContain('Agent → Get Many (newest first) for an agent named "Acme Dental"');
	});
});

describe('Template picker', () => {
	const pick = async (templateLanguage: string, filter?: string) => {
		const context = searchContext(server, 'templateId', undefined, { resource: 'agent', operation: 'createFromTemplate', templateLanguage });
		return await pkg.node.methods.listSearch.searchAgentTemplates.call(context, filter);
	};

	test('lists the templates of the chosen language, filtered by name', async () => {
		expect((await pick('es')).results.map((r) => r.name).sort()).toEqual(['Clinic reception (es)', 'Restaurant booking (es)']);
		expect((await pick('es', 'clinic')).results).toEqual([{ name: 'Clinic reception (es)', value: TEMPLATE_IDS.clinicReception }]);
		expect((await pick('en')).results).toEqual([{ name: 'Support desk (en)', value: TEMPLATE_IDS.englishSupport }]);
		expect(server.requests.map((r) => r.query.language)).toEqual(['es', 'es', 'en']);
	});
});
