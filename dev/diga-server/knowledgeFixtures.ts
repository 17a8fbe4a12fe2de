/** Seed knowledge for the test server: bases and items shaped like the spec's response schemas. */

export interface KnowledgeItemRecord {
	id: string;
	name: string;
	category: 'txt' | 'url' | 'file';
	status: 'indexing' | 'uploaded' | 'error';
	created_date: string;
	size_bytes: number | null;
	knowledge_base_id: string | null;
	/** `txt`: the text; `url`: the page; `file`: where the file is stored. */
	content?: string;
	url?: string;
}

export interface KnowledgeBaseRecord {
	id: string;
	name: string;
	description: string | null;
	created_date: string;
	/** The agents that use the base (`agent_id` filter of the list). */
	agent_ids: string[];
}

export const KNOWLEDGE_IDS = {
	faqBase: 'e0000000-0001-4000-8000-000000000001',
	pricesBase: 'e0000000-0002-4000-8000-000000000002',
	emptyBase: 'e0000000-0003-4000-8000-000000000003',
	openingHours: 'f0000000-0001-4000-8000-000000000001',
	returnsPolicy: 'f0000000-0002-4000-8000-000000000002',
	pricesPage: 'f0000000-0003-4000-8000-000000000003',
	looseNote: 'f0000000-0004-4000-8000-000000000004',
} as const;

export const OPENING_HOURS_TEXT = 'We are open Monday to Friday, 9:00 to 18:00.';

export function seedKnowledgeBases(): KnowledgeBaseRecord[] {
	return [
		{ id: KNOWLEDGE_IDS.faqBase, name: 'FAQ', description: 'Questions callers ask', created_date: '2026-02-01T09:00:00Z', agent_ids: ['a2222222-2222-4222-8222-222222222222'] },
		{ id: KNOWLEDGE_IDS.pricesBase, name: 'Prices', description: null, created_date: '2026-02-02T09:00:00Z', agent_ids: ['a1111111-1111-4111-8111-111111111111'] },
		{ id: KNOWLEDGE_IDS.emptyBase, name: 'Empty', description: null, created_date: '2026-02-03T09:00:00Z', agent_ids: [] },
	];
}

export function seedKnowledgeItems(): KnowledgeItemRecord[] {
	const text = (id: string, name: string, content: string, base: string | null, day: number): KnowledgeItemRecord => ({
		id,
		name,
		category: 'txt',
		status: 'uploaded',
		created_date: `2026-02-0${day}T10:00:00Z`,
		size_bytes: Buffer.byteLength(content),
		knowledge_base_id: base,
		content,
	});
	return [
		text(KNOWLEDGE_IDS.openingHours, 'Opening hours', OPENING_HOURS_TEXT, KNOWLEDGE_IDS.faqBase, 1),
		text(KNOWLEDGE_IDS.returnsPolicy, 'Returns', 'Returns are free within 30 days.', KNOWLEDGE_IDS.faqBase, 2),
		{
			id: KNOWLEDGE_IDS.pricesPage,
			name: 'Price list',
			category: 'url',
			status: 'uploaded',
			created_date: '2026-02-03T10:00:00Z',
			size_bytes: 5120,
			knowledge_base_id: KNOWLEDGE_IDS.pricesBase,
			url: 'https://acme.example/prices',
		},
		text(KNOWLEDGE_IDS.looseNote, 'Opening hours (old)', 'Closed on Sundays.', null, 4),
	];
}
