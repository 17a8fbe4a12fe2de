import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import type { Observation } from './callWatch';
import { observe, planPoll } from './callWatch';
import type { DeliveryBounds } from './deliveryBounds';
import { mayCatchUp } from './deliveryBounds';
import { readPlan } from './fetchCalls';
import { filtersOfKey } from './phoneFilter';
import type { CallEvent } from './events';
import type { WatchState } from './watchState';

/** The Instant Trigger's static data, as this file reads and writes it (the webhook's id and URL: webhookLifecycle.ts). */
export type StaticData = WatchState & DeliveryBounds & { rev?: number } & IDataObject;
export type TriggerContext = IWebhookFunctions | IHookFunctions | IPollFunctions;

const FIELDS = ['v', 'key', 'since', 'listed', 'calls', 'lookups', 'caughtUpAt', 'catchUpDue', 'rev'] as const;
export type Snapshot = Partial<Pick<StaticData, (typeof FIELDS)[number]>>;

/**
 * Which event, filters and account a state belongs to: a change of any starts afresh (nothing that
 * happened before fires). The account is the credential n8n gives the node (its id): a switch to
 * another credential is another account. `legacy`: the key before the account was part of it,
 * adopted once as this credential's.
 */
export function stateKey(context: TriggerContext, event: CallEvent, qs: IDataObject): { key: string; legacy: string } {
	return { key: JSON.stringify({ event, qs: filtersOfKey(context, qs), account: accountOf(context) }), legacy: JSON.stringify({ event, qs }) };
}

/** The account a step works in, as far as n8n tells a node: the credential's id (its name before n8n gave ids). */
export function accountOf(context: TriggerContext): string | null {
	const credential = context.getNode().credentials?.digaApi;
	return credential?.id ?? credential?.name ?? null;
}

/** The state under `key`, adopting a state written under the legacy key (before the account was in it). */
export function adoptLegacyKey<T extends { key?: string }>(state: T, key: string, legacy: string): T {
	return state.key === legacy ? { ...state, key } : state;
}

/**
 * n8n runs deliveries at once, each on the static data as saved when it arrived, and saves each
 * one's whole static data after it (live-webhooks.ts); the safety poll runs on the static data
 * loaded at activation and saves it only when it fires. Each would miss what the others recorded.
 * So this process remembers the newest state it wrote per trigger (`rev` counts writes); every
 * step starts from whichever is newer. Only a copy of what the static data holds, bounded; it
 * cannot help across processes (queue mode with webhook workers): docs/webhook-trigger.md.
 */
const newestWritten = new Map<string, Snapshot>();
const MAX_TRIGGERS_REMEMBERED = 200;

export const whereOf = (context: TriggerContext) => `${context.getWorkflow().id}:${context.getNode().name}`;

export function newestState(where: string, stored: StaticData): Snapshot {
	const written = newestWritten.get(where);
	return written && (written.rev ?? 0) > (typeof stored.rev === 'number' ? stored.rev : 0) ? written : stored;
}

/** Writes `next` over the newest state, at the top level of the static data (n8n saves static data when a top-level key changes). */
export function writeBack(where: string, stored: StaticData, next: Snapshot): void {
	const snapshot: Snapshot = { ...next, rev: (newestState(where, stored).rev ?? 0) + 1 };
	for (const field of FIELDS) {
		if (snapshot[field] === undefined) delete stored[field];
		else stored[field] = snapshot[field] as never;
	}
	newestWritten.delete(where);
	newestWritten.set(where, snapshot);
	if (newestWritten.size > MAX_TRIGGERS_REMEMBERED) newestWritten.delete(newestWritten.keys().next().value!);
}

/** Records a change to the bounds before a request is sent, so steps handled at once see each other's requests. */
export function reserve(where: string, stored: StaticData, bounds: DeliveryBounds): void {
	writeBack(where, stored, { ...newestState(where, stored), ...bounds });
}

/** What a step read from Diga: calls, and for a catch-up the observation (a complete listing). */
export interface Reading {
	calls: DigaCall[];
	observation?: Observation;
	/** A catch-up (a poll plan) ran to its end: no catch-up is owed any more. */
	caughtUp?: boolean;
}

/**
 * The one state step of a delivery or a safety poll, synchronous (nothing awaits between reading
 * and writing): READ the newest state; OBSERVE what was read (callWatch.ts decides what fires);
 * WRITE the call-event state observed, the bounds as counted before the requests (`lookups`,
 * `caughtUpAt` are in the newest state already), and whether a catch-up is owed: owed when this
 * step owes one or an earlier one did and this step did not catch up.
 */
export function settle(where: string, stored: StaticData, keys: { key: string; legacy: string }, event: CallEvent, now: number, reading: Reading | undefined, owesCatchUp: boolean): DigaCall[] {
	const latest = adoptLegacyKey(newestState(where, stored), keys.key, keys.legacy);
	const observed = reading ? observe(latest, keys.key, event, reading.calls, now, reading.observation) : undefined;
	const stillOwed = owesCatchUp || (latest.catchUpDue === true && !reading?.caughtUp);
	const watch: WatchState = observed?.state ?? { v: latest.v, key: latest.key, since: latest.since, listed: latest.listed, calls: latest.calls };
	writeBack(where, stored, { ...watch, lookups: latest.lookups, caughtUpAt: latest.caughtUpAt, catchUpDue: stillOwed || undefined });
	return observed?.fired ?? [];
}

/**
 * A catch-up — the poll plan run as the polling Diga Trigger runs it — if the bound allows one now
 * (deliveryBounds.ts `mayCatchUp`), counted (`caughtUpAt`) before its requests so steps handled at
 * once cannot together pass the bound. `undefined`: not now (a catch-up stays owed). `unbounded`:
 * the first poll of an activation, once per activation (what changed while n8n was down is in no
 * earlier catch-up, however recent).
 */
export async function catchUp(where: string, stored: StaticData, client: DigaClient, qs: IDataObject, keys: { key: string; legacy: string }, event: CallEvent, now: number, unbounded = false): Promise<Reading | undefined> {
	const newest = adoptLegacyKey(newestState(where, stored), keys.key, keys.legacy);
	if (!unbounded && !mayCatchUp(newest, now)) return undefined;
	reserve(where, stored, { caughtUpAt: now });
	return { ...(await readPlan(client, qs, planPoll(newest, keys.key, event, now), now)), caughtUp: true };
}
