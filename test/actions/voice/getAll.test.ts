import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VOICE_IDS } from '../../../dev/diga-server/fixtures';
import { run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const getAll = (rest: IDataObject = {}) => ({ resource: 'voice', operation: 'getAll', ...rest }) as INodeParameters;
const ids = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);

describe('Voice → Get Many', () => {
	test('no filter, Limit 2: GET /v1/voice/?limit=2, two voices', async () => {
		const result = await run(server, { parameters: getAll({ limit: 2 }) });
		expect(server.requests.map((r) => [r.path, r.query])).toEqual([['/v1/voice/', { limit: '2' }]]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(result.items[0].json).toMatchObject({ id: expect.any(String), name: expect.any(String), provider: expect.any(String) });
	});

	test('Return All: pages of 50 (the voices list’s maximum), every voice', async () => {
		server.state.voices.push(
			...Array.from({ length: 60 }, (_, i) => ({ ...server.state.voices[2], id: `d1000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Extra ${i}` })),
		);
		const result = await run(server, { parameters: getAll({ returnAll: true }) });
		expect(server.requests.map((r) => r.query.limit)).toEqual(['50', '50']);
		expect(result.items).toHaveLength(63);
	});

	test('Name Contains and Gender: search and gender as Diga takes them', async () => {
		const result = await run(server, { parameters: getAll({ returnAll: true, filters: { search: 'luc', gender: 'female' } }) });
		expect(server.requests[0].query).toEqual({ search: 'luc', gender: 'female', limit: '50' });
		expect(ids(result.items)).toEqual([VOICE_IDS.lucia]);
	});

	test('Favourites Only: /v1/voice/favourite (no filters there), Name Contains and Gender applied by the node', async () => {
		const favourites = await run(server, { parameters: getAll({ returnAll: true, filters: { favouritesOnly: true } }) });
		expect(server.requests.map((r) => [r.path, r.query])).toEqual([['/v1/voice/favourite', { limit: '50' }]]);
		expect(ids(favourites.items)).toEqual([VOICE_IDS.mateo]);

		const none = await run(server, { parameters: getAll({ returnAll: true, filters: { favouritesOnly: true, gender: 'female' } }) });
		expect(none.items).toEqual([]);
	});
});
