import type { ResourceRoutes } from './common';
import { digaError, listPage, unprocessable, uuidProblem } from './common';

/**
 * `/v1/voice/`: Diga's voices, filtered by `search` (in the name) and `gender`, in pages of at most 50;
 * `/v1/voice/favourite` (the account's favourites, no filters) and `/v1/voice/{voice_id}`.
 */
export const voiceRoutes: ResourceRoutes = (state, method, parts, query) => {
	if (method !== 'GET' || parts.length > 1) return undefined;
	if (parts.length === 1 && parts[0] !== 'favourite') {
		const problem = uuidProblem('path', 'voice_id', parts[0]);
		if (problem) return unprocessable([problem]);
		const voice = state.voices.find((v) => v.id === parts[0].toLowerCase());
		return voice ? { status: 200, body: voice } : digaError(404, 'VOICE_NOT_FOUND', 'Voice not found');
	}
	if (query.limit !== undefined && Number(query.limit) > 50) {
		return digaError(422, 'INVALID_PAGINATION_PARAMETERS', 'limit: Input should be less than or equal to 50');
	}
	if (parts[0] === 'favourite') return listPage(state.voices.filter((voice) => voice.is_favourite), (voice) => voice.id, query, 10, 'diga');
	const search = query.search?.toLowerCase();
	const voices = state.voices.filter(
		(voice) => (!search || voice.name.toLowerCase().includes(search)) && (!query.gender || voice.gender === query.gender),
	);
	return listPage(voices, (voice) => voice.id, query, 10, 'diga');
};
