import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isStream } from './downloadBody';
import type { ByteStream } from './downloadBody';

/**
 * Reading a server-sent-events answer (text/event-stream) for its first value only, then closing
 * it: Diga's `/v1/call/concurrency/stream` never ends on its own.
 */

/** More than this without a complete event is not the stream Diga documents. */
export const MAX_EVENT_BYTES = 64 * 1024;

/** Why a stream gave no value: it ended, or sent too much without a complete event. */
export class EventStreamError extends Error {}

/**
 * The `data` of the first event that has one, joined over its `data:` lines (the SSE format);
 * comments (`: keepalive`) and events without data are skipped.
 */
export function firstEventData(text: string): string | undefined {
	const events = text.replace(/\r\n?/g, '\n').split('\n\n');
	// The last part is not complete until a blank line follows it.
	for (const event of events.slice(0, -1)) {
		const data = event
			.split('\n')
			.filter((line) => line === 'data' || line.startsWith('data:'))
			.map((line) => line.slice(5).replace(/^ /, ''));
		if (data.length) return data.join('\n');
	}
	return undefined;
}

/** Reads `body` up to its first event's data; always closes it, having read it or not. */
async function readFirstEvent(body: ByteStream): Promise<string> {
	let text = '';
	try {
		for await (const chunk of body) {
			text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
			const data = firstEventData(text);
			if (data !== undefined) return data;
			if (text.length > MAX_EVENT_BYTES) throw new EventStreamError(`sent ${text.length} characters without a complete event`);
		}
	} finally {
		body.destroy?.();
	}
	// The spec declares the 200 as application/json: a whole JSON body that ended is taken as the value.
	if (parsed(text.trim()) !== text.trim()) return text.trim();
	throw new EventStreamError(text.trim() === '' ? 'ended without sending anything' : 'ended before its first event was complete');
}

/** A body that is not the event stream (an error answer): its text, at most MAX_EVENT_BYTES. */
async function readText(body: ByteStream): Promise<string> {
	let text = '';
	try {
		for await (const chunk of body) {
			text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
			if (text.length > MAX_EVENT_BYTES) break;
		}
	} finally {
		body.destroy?.();
	}
	return text;
}

const parsed = (text: string): unknown => {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
};

/**
 * The answer with its body read: a 2xx's first event's data (JSON where it is), any other
 * status's body (JSON where it is), so the client treats it as any answer. `stop` (the Timeout,
 * the execution cancelled) closes the stream at once, whatever it is doing.
 */
export async function withFirstEvent(answer: Promise<IN8nHttpFullResponse>, stop: AbortSignal[]): Promise<IN8nHttpFullResponse> {
	const response = await answer;
	const body = response.body;
	if (!isStream(body)) return response; // already read (a helper that buffers)
	const close = () => body.destroy?.();
	for (const signal of stop) signal.addEventListener('abort', close, { once: true });
	try {
		if (stop.some((signal) => signal.aborted)) close();
		const ok = response.statusCode >= 200 && response.statusCode < 300;
		return { ...response, body: parsed(ok ? await readFirstEvent(body) : await readText(body)) as IN8nHttpFullResponse['body'] };
	} finally {
		for (const signal of stop) signal.removeEventListener('abort', close);
	}
}
