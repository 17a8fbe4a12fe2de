import type { ResourceRoutes } from './common';
import { digaError, listPage } from './common';

/** `/v1/voice/`: Diga's voices, filtered by `search` (in the name) and `gender`, in pages of at most 50. */
export const voiceRoutes: ResourceRoutes = (state, method, parts, query) => {
	if (method !== 'GET' || parts.length !== 0) return undefined;
	if (query.limit !== undefined && Number(query.limit) > 50) {
		return digaError(422, 'INVALID_PAGINATION_PARAMETERS', 'limit: Input should be less than or equal to 50');
	}
	const search = query.search?.toLowerCase();
	const voices = state.voices.filter(
		(voice) => (!search || voice.name.toLowerCase().includes(search)) && (!query.gender || voice.gender === query.gender),
	);
	return listPage(voices, (voice) => voice.id, query, 10, 'diga');
};
