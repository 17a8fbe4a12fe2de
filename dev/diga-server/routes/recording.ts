import type { ResourceRoutes } from './common';
import { digaError, unprocessable, uuidProblem } from './common';

/**
 * `GET /v1/recording/{call_id}` (`RecordingResponse`). The spec declares only 200 and 422: for a
 * call without a recording (or no such call) we answer 404 with the codes Diga uses for those
 * cases elsewhere (`NO_RECORDINGS_FOUND` of the bulk download, `CALL_NOT_FOUND`).
 */
export const recordingRoutes: ResourceRoutes = (state, method, parts) => {
	if (method !== 'GET' || parts.length !== 1) return undefined;
	const problem = uuidProblem('path', 'call_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const id = parts[0].toLowerCase();
	const call = state.calls.find((c) => c.id === id);
	if (!call) return digaError(404, 'CALL_NOT_FOUND', `Call ${id} not found`);
	if (!call.recording_url) return digaError(404, 'NO_RECORDINGS_FOUND', `No recording found for call ${id}`);
	return { status: 200, body: { recording_url: call.recording_url } };
};
