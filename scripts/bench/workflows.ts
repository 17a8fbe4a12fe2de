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

export function digaWorkflow(id: string, items: number, maxConcurrency: number) {
	return {
		id,
		name: `Bench: Diga x${items} c${maxConcurrency}`,
		nodes: [
			MANUAL,
			CODE_NODE(items),
			{
				id: 'diga',
				name: 'Target',
				type: 'n8n-nodes-diga.diga',
				typeVersion: 1,
				position: [440, 0],
				credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
				parameters: {
					resource: 'phone',
					operation: 'update',
					phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { nickname: '={{ $json.nickname }}' },
					options: { maxConcurrency },
				},
			},
		],
		connections: chain('Target'),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Calls from one verified line (the bench server's Sales line) to each item's number. */
export function digaCallWorkflow(id: string, items: number, fromPhoneId: string) {
	return {
		id,
		name: `Bench: Diga Call x${items}`,
		nodes: [
			MANUAL,
			CODE_NODE(items),
			{
				id: 'diga-call',
				name: 'Target',
				type: 'n8n-nodes-diga.diga',
				typeVersion: 1,
				position: [440, 0],
				credentials: { digaApi: { id: 'diga-credential', name: 'Diga account' } },
				parameters: {
					resource: 'call',
					operation: 'make',
					from: { __rl: true, mode: 'id', value: fromPhoneId },
					to: '={{ $json.to }}',
					options: {},
				},
			},
		],
		connections: chain('Target'),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * The PATCHes as a user makes them in the editor: HTTP Request with a Header Auth credential
 * (Generic Credential Type), the body "Using Fields Below" (the editor's default, JSON), no
 * batching, no other option.
 */
export function httpRequestWorkflow(id: string, items: number, baseUrl: string, body: 'fields' | 'json' = 'fields') {
	return {
		id,
		name: `Bench: HTTP Request x${items}`,
		nodes: [
			MANUAL,
			CODE_NODE(items),
			{
				id: 'http',
				name: 'Target',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.3, // what the editor of n8n 1.123 puts in a new workflow
				position: [440, 0],
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
			},
		],
		connections: chain('Target'),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
