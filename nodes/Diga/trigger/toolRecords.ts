import type { IDataObject } from 'n8n-workflow';

import { REDACTED } from '../transport/redact';

/** Comparing what Diga holds (an integration, a tool) with what the trigger would send now. */

/** A record as Diga holds it, reduced to the keys the node sends, for comparing. */
export function differs(held: IDataObject, wanted: IDataObject): boolean {
	const canonical = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as IDataObject)[k])]));
		return value ?? null;
	};
	const pick = (record: IDataObject, like: IDataObject): unknown =>
		Object.fromEntries(
			Object.keys(like).map((key) => {
				const value = record[key];
				const shape = like[key];
				if (Array.isArray(shape) && Array.isArray(value)) return [key, value.map((v, i) => (shape[i] && typeof shape[i] === 'object' && v && typeof v === 'object' ? pick(v as IDataObject, shape[i] as IDataObject) : v))];
				return [key, value];
			}),
		);
	return JSON.stringify(canonical(pick(held, wanted))) !== JSON.stringify(canonical(wanted));
}

/**
 * `wanted` as this client shows it when Diga answers it back: the proof redacted (redactAlso). A
 * header that shows `[redacted]` therefore holds exactly the proof; any other value is not it.
 */
export const shownAs = (wanted: IDataObject, proof: string): IDataObject => JSON.parse(JSON.stringify(wanted).split(proof).join(REDACTED)) as IDataObject;
