import { PROJECT_IDS } from '../onboardingFixtures';
import type { ResourceRoutes } from './common';
import { listPage } from './common';

/** `GET /v1/project/`: the projects the key's user is a member of (`ProjectResponseSchema`). */
export const projectRoutes: ResourceRoutes = (_state, method, parts, query) => {
	if (method !== 'GET' || parts.length !== 0) return undefined;
	const projects = [{ id: PROJECT_IDS.clients, name: 'Clients', description: 'One agent per client', members_count: 3 }];
	return listPage(projects, (project) => project.id, query, 10);
};

/** `GET /v1/billing/subscription/` (`SubscriptionSchema`): the plan, with `state.maxConcurrentCalls` (10 unless set; null: unlimited). */
export const billingRoutes: ResourceRoutes = (state, method, parts) => {
	if (method !== 'GET' || parts.join('/') !== 'subscription') return undefined;
	return {
		status: 200,
		body: {
			name: 'Business',
			period_start: '2026-12-01T00:00:00Z',
			period_end: '2027-01-01T00:00:00Z',
			included_minutes: 5000,
			max_concurrent_calls: state.maxConcurrentCalls === undefined ? 10 : state.maxConcurrentCalls,
			active_since: '2026-01-01T00:00:00Z',
			price: 499,
			currency: 'eur',
			period: 'month',
			overage_price_per_minute: null,
			usage_based_billing_enabled: false,
			minutes_count: 1200,
			rollover_minutes_count: 0,
			next_phase: null,
			next_payment_date: '2027-01-01T00:00:00Z',
			knowledge_storage_used_bytes: 0,
			knowledge_items_count: 0,
			included_workflows: 0,
		},
	};
};
