import type { IDataObject } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import { REDACTED } from '../transport/redact';
import { isGone } from './keepGoing';

/** The Diga Agent Tool Trigger's records in Diga (its integration, the tool in it): finding them, comparing, deleting. */

export const INTEGRATIONS = '/v1/integration';
export const toolsOf = (integrationId: string) => `${INTEGRATIONS}/${integrationId}/tool`;

export interface Integration extends IDataObject {
	id: string;
	name?: string;
	description?: string | null;
	base_url?: string;
	headers?: IDataObject | null;
}
export interface Tool extends IDataObject {
	id: string;
}

/**
 * A node's `base` (`https://h/prod/webhook/<webhookId>`) split at n8n's webhook endpoint, the last
 * segment before the webhook id: its production and test URLs differ only there (`webhook` ↔
 * `webhook-test` unless N8N_ENDPOINT_WEBHOOK(_TEST) name them otherwise).
 */
function endpointSplit(url: string): { before: string; endpoint: string; webhookId: string } {
	const idAt = url.lastIndexOf('/');
	const endpointAt = url.lastIndexOf('/', idAt - 1);
	return { before: url.slice(0, endpointAt + 1), endpoint: url.slice(endpointAt + 1, idAt), webhookId: url.slice(idAt + 1) };
}

/**
 * Whether `url` is this node's other URL in the same n8n: equal to `base` except for the endpoint
 * segment, one being the other plus `-test`. Another n8n on the same host under another path (`https://h/staging/webhook/<id>`),
 * holding the same workflow through source control or an import, is not.
 */
export function isTwinUrl(url: string, base: string): boolean {
	const [other, own] = [endpointSplit(url), endpointSplit(base)];
	// n8n's test endpoint is its production one plus "-test" (`webhook-test`), unless both are renamed: other names are
	// not taken for a twin, as another n8n may be routed on that segment (the one-name-per-agent check still stops a clash).
	const pair = (a: string, b: string) => a === `${b}-test` || b === `${a}-test`;
	return other.before === own.before && other.webhookId === own.webhookId && pair(other.endpoint, own.endpoint) && /^[^/?#]+$/.test(other.endpoint);
}

export interface Found {
	/** Every integration of the account, as listed. */
	all: Integration[];
	/** At this node's URL, oldest first: more than one means a create whose answer was lost. */
	own: Integration[];
	/** This node's at its other URL in the same n8n: the test one seen from production, and the reverse. */
	twins: Integration[];
}

/**
 * The integrations this node made: naming its workflow and node in the description (`marker`; a
 * copy's names another workflow) and at its URL `base`, or at its twin URL.
 */
export async function findOwn(client: DigaClient, base: string, marker: string): Promise<Found> {
	const all = await readList<Integration>(client, INTEGRATIONS);
	const mine = all.filter((i) => typeof i.description === 'string' && i.description.startsWith(marker) && typeof i.base_url === 'string');
	const own = mine.filter((i) => i.base_url === base).sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')));
	return { all, own, twins: mine.filter((i) => isTwinUrl(i.base_url!, base)) };
}

/** Deletes a record; one Diga no longer has (404) is as good as deleted. Any other failure stands. */
export async function remove(client: DigaClient, path: string): Promise<void> {
	await client.request({ method: 'DELETE', path }).catch((error: unknown) => {
		if (!isGone(error)) throw error;
	});
}

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
