import { KNOWLEDGE_IDS } from '../../dev/diga-server/knowledgeFixtures';
import { searchKnowledgeBases, searchKnowledgeItems } from '../../nodes/Diga/methods/listSearch';
import { searchContext, useDigaServer } from '../helpers';

const server = useDigaServer();
const context = (path: string) => searchContext(server, path, undefined, { resource: 'knowledgeBase', operation: 'get' });

describe('Knowledge pickers', () => {
	test('bases: named by their name, newest first; the filter goes to Diga as `name`', async () => {
		const all = await searchKnowledgeBases.call(context('parameters.knowledgeBaseId'));
		const filtered = await searchKnowledgeBases.call(context('parameters.knowledgeBaseId'), ' pri ');

		expect(all).toEqual({
			results: [
				{ name: 'Empty', value: KNOWLEDGE_IDS.emptyBase },
				{ name: 'Prices', value: KNOWLEDGE_IDS.pricesBase },
				{ name: 'FAQ', value: KNOWLEDGE_IDS.faqBase },
			],
			paginationToken: undefined,
		});
		expect(filtered.results).toEqual([{ name: 'Prices', value: KNOWLEDGE_IDS.pricesBase }]);
		expect(server.requests.map((r) => `${r.path} ${new URLSearchParams(r.query)}`)).toEqual(['/v1/knowledge/base/ limit=100', '/v1/knowledge/base/ name=pri&limit=100']);
	});

	test('items: named with their kind; the filter goes to Diga as `name`', async () => {
		const result = await searchKnowledgeItems.call(context('parameters.knowledgeItemId'), 'opening');
		expect(result.results).toEqual([
			{ name: 'Opening hours (old) (text)', value: KNOWLEDGE_IDS.looseNote },
			{ name: 'Opening hours (text)', value: KNOWLEDGE_IDS.openingHours },
		]);
		expect(server.requests[0].query).toEqual({ name: 'opening', limit: '100' });
	});
});
