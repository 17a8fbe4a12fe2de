/**
 * The workflows the benchmark compares: the same PATCHes through Diga → Phone → Update and through
 * n8n's HTTP Request node, and Diga → Call → Make.
 */

const CODE_NODE = (items: number) => ({
	id: 'code',
	name: 'Make items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [220, 0],
	parameters: {
		// One item per phone (the bench server's bulk phones) and one Spanish number to call.
		jsCode: `const out = [];\nfor (let i = 1; i <= ${items}; i++) {\n  out.push({ json: { id: 'd0000000-0000-4000-8000-' + String(i).padStart(12, '0'), nickname: 'Shift ' + i, to: '+3461' + String(i).padStart(7, '0') } });\n}\nreturn out;`,
	},
});

const MANUAL = { id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

const chain = (last: string) => ({
	Manual: { main: [[{ node: 'Make items', type: 'main', index: 0 }]] },
	'Make items': { main: [[{ node: last, type: 'main', index: 0 }]] },
});

/** Manual trigger → Code node making `items` items → `target` (named "Target", which the bench times). */
function benchWorkflow(id: string, name: string, items: number, target: object) {
	return {
		id,
		name,
		nodes: [MANUAL, CODE_NODE(items), { name: 'Target', position: [440, 0], ...target }],
		connections: chain('Target'),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The Diga node with the bench's credential. */
const digaNode = (id: string, parameters: object) => ({
	id,
	type: 'n8n-nodes-diga.diga',
	typeVersion: 1,
	credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
	parameters,
});

export function digaWorkflow(id: string, items: number, maxConcurrency: number) {
	return benchWorkflow(
		id,
		`Bench: Diga x${items} c${maxConcurrency}`,
		items,
		digaNode('diga', {
			resource: 'phone',
			operation: 'update',
			phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			updateFields: { nickname: '={{ $json.nickname }}' },
			options: { maxConcurrency },
		}),
	);
}

/** Calls from one verified line (the bench server's Sales line) to each item's number. */
export function digaCallWorkflow(id: string, items: number, fromPhoneId: string) {
	return benchWorkflow(
		id,
		`Bench: Diga Call x${items}`,
		items,
		digaNode('diga-call', {
			resource: 'call',
			operation: 'make',
			from: { __rl: true, mode: 'id', value: fromPhoneId },
			to: '={{ $json.to }}',
			options: {},
		}),
	);
}

/**
 * The PATCHes as a user makes them in the editor: HTTP Request with a Header Auth credential
 * (Generic Credential Type), the body "Using Fields Below" (the editor's default, JSON), no
 * batching, no other option.
 */
export function httpRequestWorkflow(id: string, items: number, baseUrl: string, body: 'fields' | 'json' = 'fields') {
	return benchWorkflow(id, `Bench: HTTP Request x${items}`, items, {
		id: 'http',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.3, // what the editor of n8n 1.123 puts in a new workflow
		credentials: { httpHeaderAuth: { id: 'bench-header-auth', name: 'Diga bearer header' } },
		parameters: {
			method: 'PATCH',
			url: `=${baseUrl}/v1/phone/{{ $json.id }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			...(body === 'fields'
				? { bodyParameters: { parameters: [{ name: 'nickname', value: '={{ $json.nickname }}' }] } }
				: // The bench's workflow before issue 20: the body as one JSON expression.
					{ specifyBody: 'json', jsonBody: '={{ JSON.stringify({ nickname: $json.nickname }) }}' }),
			options: {},
		},
	});
}
