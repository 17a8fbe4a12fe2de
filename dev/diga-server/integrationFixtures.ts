import type { IntegrationRecord } from './routes/integration';
import type { HttpToolRecord, McpToolRecord } from './routes/integrationTool';

/**
 * Integrations a test may seed (`server.state.integrations = seedIntegrations()`); not in the default
 * seed, so a fresh server has none (as a new Diga account). Their secrets are what a test looks for
 * in outputs and errors.
 */
export const INTEGRATION_IDS = {
	orders: '10000000-0001-4000-8000-000000000001',
	orderStatus: '11000000-0001-4000-8000-000000000001',
	bookCallback: '11000000-0002-4000-8000-000000000002',
	calendar: '10000000-0002-4000-8000-000000000002',
	listSlots: '12000000-0001-4000-8000-000000000001',
} as const;

export const INTEGRATION_SECRETS = { ordersKey: 'orders-key-7f3a9c51', tenantHeader: 'tenant-secret-42b1e8', toolHeader: 'tool-secret-9d20aa' } as const;

export function orderStatusTool(): HttpToolRecord {
	return {
		id: INTEGRATION_IDS.orderStatus,
		type: 'HTTP',
		name: 'order_status',
		description: 'Looks up an order by its number',
		endpoint_path: '/orders/{order_id}',
		query: [{ name: 'lang', data_type: 'string', description: null, required: true, value_source: 'fixed', fixed_value: 'es' }],
		body: [],
		path: [{ name: 'order_id', description: 'The order number', required: true, value_source: 'llm', fixed_value: null }],
		headers: { 'X-Tool-Secret': INTEGRATION_SECRETS.toolHeader },
		method: 'GET',
		timeout: 5,
		approval_required: false,
		execution_audio: null,
		pre_speech: 'auto',
	};
}

export function seedIntegrations(): IntegrationRecord[] {
	const bookCallback: HttpToolRecord = {
		...orderStatusTool(),
		id: INTEGRATION_IDS.bookCallback,
		name: 'book_callback',
		description: 'Books a callback',
		endpoint_path: '/callbacks',
		method: 'POST',
		query: [],
		path: [],
		body: [{ name: 'when', data_type: 'string', description: 'When to call back', required: true, value_source: 'llm', fixed_value: null }],
		headers: null,
	};
	const listSlots: McpToolRecord = { id: INTEGRATION_IDS.listSlots, type: 'MCP', name: 'list_slots', description: 'Free calendar slots', parameters: { type: 'object', properties: {} }, approval_required: false };
	return [
		{
			id: INTEGRATION_IDS.orders,
			name: 'Orders',
			description: 'The order system',
			base_url: 'https://orders.example.com/api',
			integration_type: 'HTTP',
			auth_key: INTEGRATION_SECRETS.ordersKey,
			headers: { 'X-Tenant-Secret': INTEGRATION_SECRETS.tenantHeader },
			created_at: '2026-08-01T09:00:00Z',
			updated_at: '2026-08-01T09:00:00Z',
			tools: [orderStatusTool(), bookCallback],
		},
		{
			id: INTEGRATION_IDS.calendar,
			name: 'Calendar',
			description: null,
			base_url: 'https://mcp.example.com/mcp',
			integration_type: 'MCP',
			auth_key: null,
			headers: null,
			created_at: '2026-08-02T09:00:00Z',
			updated_at: '2026-08-02T09:00:00Z',
			tools: [listSlots],
		},
	];
}
