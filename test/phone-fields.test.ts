import type { INodeParameters, INodeProperties, INodePropertyCollection, INodePropertyMode } from 'n8n-workflow';

import { DigaTrigger } from '../nodes/Diga/DigaTrigger.node';
import { IDS, locator, pkg, run, updatePhone, useDigaServer } from './helpers';

/**
 * README: "a phone field takes a number (leading `+`) or an ID whatever its mode". The editor (and
 * n8n's engine, which refuses a workflow with issues) checks a locator's value against its mode's
 * pattern, so both By ID and By Number must accept either; the node then reads what it was given.
 */
const server = useDigaServer();

const PHONE = IDS.outboundPhone;
const NUMBER = '+34 600 111 222';

/** Every resource locator with a By Number mode (a phone field), wherever it sits in a description. */
function phoneLocators(properties: ReadonlyArray<INodeProperties | INodePropertyCollection>, path = ''): Array<[string, INodePropertyMode[]]> {
	return properties.flatMap((property) => {
		const name = `${path}${property.name}`;
		const own: Array<[string, INodePropertyMode[]]> =
			'type' in property && property.type === 'resourceLocator' && property.modes?.some((mode) => mode.name === 'number') ? [[name, property.modes]] : [];
		const children = ('options' in property ? property.options : undefined) ?? ('values' in property ? property.values : undefined) ?? [];
		const nested = (children as Array<INodeProperties | INodePropertyCollection>).filter((child) => typeof child === 'object' && 'name' in child);
		return [...own, ...phoneLocators(nested, `${name}.`)];
	});
}

const fields = [
	...phoneLocators(pkg.node.description.properties).map(([name, modes]) => [`Diga ${name}`, modes] as const),
	...phoneLocators(new DigaTrigger().description.properties).map(([name, modes]) => [`Diga Trigger ${name}`, modes] as const),
];

test('there are phone fields to check (Phone, From, the Publish Version phones, the Get Many and trigger filters)', () => {
	expect(fields.length).toBeGreaterThanOrEqual(6);
});

test.each(fields)('%s: By ID and By Number both accept an ID and a number in the editor', (_name, modes) => {
	for (const mode of modes.filter((candidate) => candidate.name !== 'list')) {
		for (const validation of mode.validation ?? []) {
			const { regex } = (validation as unknown as { properties: { regex: string } }).properties;
			expect([mode.name, new RegExp(regex).test(PHONE), new RegExp(regex).test(NUMBER)]).toEqual([mode.name, true, true]);
			expect([mode.name, new RegExp(regex).test('sales line')]).toEqual([mode.name, false]);
		}
	}
});

/** Each action's phone field, given `phone`; the request it leads to names the line by its ID. */
const actions: Array<[string, (phone: object) => INodeParameters]> = [
	['Phone → Get', (phoneId) => ({ resource: 'phone', operation: 'get', phoneId }) as INodeParameters],
	['Phone → Update', (phoneId) => updatePhone(phoneId, { nickname: 'x' })],
	['Phone → Release', (phoneId) => ({ resource: 'phone', operation: 'release', phoneId }) as INodeParameters],
	[
		'Agent → Publish Version, inbound phone',
		(inboundPhoneId) => ({ resource: 'agent', operation: 'publishVersion', agentId: locator('id', IDS.salesAgent), versionId: locator('id', IDS.salesV2), phones: { inboundPhoneId } }) as INodeParameters,
	],
	[
		'Agent → Publish Version, outbound phone',
		(outboundPhoneId) => ({ resource: 'agent', operation: 'publishVersion', agentId: locator('id', IDS.salesAgent), versionId: locator('id', IDS.salesV2), phones: { outboundPhoneId } }) as INodeParameters,
	],
	['Call → Get Many, Phone filter', (phoneId) => ({ resource: 'call', operation: 'getAll', filters: { phoneId } }) as INodeParameters],
];

describe.each([
	['a number typed in By ID', locator('id', NUMBER)],
	['an ID typed in By Number', locator('number', PHONE)],
])('%s', (_form, phone) => {
	test.each(actions)('%s: runs, and the request names the line by its ID', async (_action, parameters) => {
		const result = await run(server, { parameters: parameters(phone) });
		expect(result.error).toBeUndefined();
		const sent = server.requests.filter((r) => !(r.method === 'GET' && r.path === '/v1/phone/'));
		expect(JSON.stringify(sent.map((r) => [r.path, r.query, r.body]))).toContain(PHONE);
	});
});
