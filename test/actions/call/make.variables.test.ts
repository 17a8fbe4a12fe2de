/**
 * Call → Make rings a real person with the variables the workflow gives. A Value whose expression
 * finds nothing (`{{ $json.nmae }}`: the item has no such field) must not place the call without
 * it, nor send `dynamic_variables: {}`: the item fails naming the variable. Through n8n's engine,
 * parameters as the editor saves them.
 */
import type { INodeParameters } from 'n8n-workflow';

import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const make = (variable: Array<{ name: string; value: string }>) =>
	({ resource: 'call', operation: 'make', from: locator('list', IDS.outboundPhone), to: '+34612345678', dynamicVariables: { variable }, options: { skipRepeatCallsWithin: 0 } }) as INodeParameters;

describe('Call → Make: a variable whose expression finds nothing', () => {
	test('fails the item before any call, naming the variable; nothing is placed', async () => {
		const result = await run(server, { items: [{ name: 'Ana' }], parameters: make([{ name: 'name', value: '={{ $json.name }}' }, { name: 'debt', value: '={{ $json.debt }}' }]) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Dynamic variable "debt" has no value', description: expect.stringContaining('found nothing') });
		expect(server.requests).toHaveLength(0);
	});

	test('with continue-on-fail: that item is an error item, the next one is called', async () => {
		const result = await run(server, {
			items: [{ name: 'Ana' }, { name: 'Luis', debt: 80 }],
			parameters: make([{ name: 'name', value: '={{ $json.name }}' }, { name: 'debt', value: '={{ $json.debt }}' }]),
			nodeSettings: { continueOnFail: true },
		});

		expect(result.items.map((item) => [item.json.error ?? item.json.status, item.pairedItem])).toEqual([
			['Dynamic variable "debt" has no value', { item: 0 }],
			['dialing', { item: 1 }],
		]);
		expect(server.requestsTo('POST').map((r) => r.body)).toEqual([{ from_number: IDS.outboundPhone, to_number: '+34612345678', dynamic_variables: { name: 'Luis', debt: 80 } }]);
	});

	test('a value the data holds as empty text or null is the workflow’s value: sent as it is', async () => {
		const result = await run(server, { items: [{ note: '', debt: null }], parameters: make([{ name: 'note', value: '={{ $json.note }}' }, { name: 'debt', value: '={{ $json.debt }}' }]) });

		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST').map((r) => r.body)).toEqual([{ from_number: IDS.outboundPhone, to_number: '+34612345678', dynamic_variables: { note: '', debt: null } }]);
	});
});
