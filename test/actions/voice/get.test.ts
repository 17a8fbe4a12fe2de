import { VOICE_IDS } from '../../../dev/diga-server/fixtures';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

describe('Voice → Get', () => {
	test('GET /v1/voice/{voice_id}: Diga’s voice as output', async () => {
		const result = await run(server, { parameters: { resource: 'voice', operation: 'get', voiceId: locator('list', VOICE_IDS.mateo) } });
		expect(server.requests.map((r) => r.path)).toEqual([`/v1/voice/${VOICE_IDS.mateo}`]);
		expect(result.items).toEqual([
			{
				json: { id: VOICE_IDS.mateo, name: 'Mateo', provider: 'elevenlabs', provider_voice_id: 'mateo-es-002', preview_urls: { es: 'https://voices.diga.io/mateo-es.mp3' }, gender: 'male', is_favourite: true },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an unknown voice: named', async () => {
		const missing = 'd0000000-0009-4000-8000-000000000009';
		const result = await run(server, { parameters: { resource: 'voice', operation: 'get', voiceId: locator('id', missing) } });
		expect(result.error?.message).toBe(`Diga has no voice ${missing}`);
	});
});
