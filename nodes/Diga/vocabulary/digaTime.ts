/** An ISO 8601 date, optionally with a time, a fraction of any length and an offset (`Z`, `+01:00`, `+0100`). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A date-time from Diga in milliseconds since the epoch, or `undefined` when it is not one.
 *
 * Diga is a Python service: it may write a date-time without an offset (`2026-12-01T22:40:00.123456`),
 * meaning UTC. `Date.parse` would read that in the n8n server's own time zone, so a time without an
 * offset is read here as UTC, whatever `TZ` says.
 */
export function parseDigaTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const match = ISO_DATE_TIME.exec(text);
	if (!match) return undefined;
	const hasTime = text.length > 10;
	const ms = Date.parse(hasTime && !match[1] ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'));
	return Number.isNaN(ms) ? undefined : ms;
}
