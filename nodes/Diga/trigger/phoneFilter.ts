import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import type { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import type { PhoneResolver, TriggerFilters } from './filters';
import { matchesQuery } from './filters';

/** The contexts the Instant Trigger runs in (triggerState.ts `TriggerContext`; not imported: triggerState imports this file). */
type TriggerContext = IWebhookFunctions | IHookFunctions | IPollFunctions;
type StaticData = IDataObject;

/** A Phone filter's id, looked up again after this long in any case (a number released and imported again gets a new id). */
export const PHONE_MAX_AGE_MS = 60 * 60_000;
/** Looked up again at most this often when a call on another phone id may be on the filter's number (see `phoneMayHaveMoved`). */
export const PHONE_RECHECK_MS = 5 * 60_000;

export interface CachedPhone {
	locator: string;
	/** `''` when the look-up failed (no record in use for the number, or Diga failed): see `failure`. */
	id: string;
	/** Why the last look-up failed: said again, without a listing, until PHONE_RECHECK_MS has passed. */
	failure?: string;
	/** The credential it was looked up with (triggerState.ts `accountOf`): another account has other ids. */
	account: string;
	/** When it was looked up (ms). */
	at: number;
}

/**
 * A Phone filter given by number becomes an id with a look-up in Diga's phone list, remembered in
 * the static data (`phone`) for at most `maxAge`, for this credential, and until the next
 * activation (webhookLifecycle.ts drops it): a bounded cost, not one listing per delivery. A failed
 * look-up (the number released and not yet imported again, or Diga failing) is remembered too, for
 * PHONE_RECHECK_MS: every delivery and poll meanwhile fails with the same words and no listing, so
 * forged deliveries and idle polls cannot list the account's phones again and again.
 */
export function cachedPhone(context: TriggerContext, client: DigaClient, stored: StaticData, account: string, maxAge = PHONE_MAX_AGE_MS): PhoneResolver {
	return async (phone) => {
		const locator = `${phone.mode}:${phone.value}`;
		const now = Date.now();
		const cached = stored.phone as CachedPhone | undefined;
		const same = cached?.locator === locator && cached.account === account && cached.at <= now;
		if (same && cached.failure !== undefined && cached.at > now - PHONE_RECHECK_MS) {
			throw new NodeOperationError(context.getNode(), cached.failure, { description: 'The Phone filter is looked up again within 5 minutes.' });
		}
		if (same && cached.failure === undefined && cached.at > now - maxAge) return cached.id;
		const id = await phoneIdOfLocator(context, new PhoneDirectory(client), phone, 'Phone').catch((error: unknown) => {
			stored.phone = { locator, id: '', account, at: now, failure: (error as Error).message };
			throw error;
		});
		if (id !== phone.value) stored.phone = { locator, id, account, at: now };
		return id;
	};
}

/**
 * A call that fails the filters only by its phone id, while the Phone filter is a number: the
 * number may have been released and imported again under a new id. Worth one look-up of the
 * number, at most every PHONE_RECHECK_MS (the caller passes that as `maxAge`).
 */
export function phoneMayHaveMoved(call: DigaCall, qs: IDataObject, stored: StaticData): boolean {
	return !!(stored as { phone?: CachedPhone }).phone && qs.phone_id !== undefined && !matchesQuery(call, qs) && matchesQuery(call, { ...qs, phone_id: undefined });
}

/**
 * The filters as they key the state: a Phone filter given by number by its number, not by the id
 * it resolves to now, so a new id for the number continues the same state (nothing is history).
 */
export function filtersOfKey(context: TriggerContext, qs: IDataObject): IDataObject {
	const phone = locatorValue((context.getNodeParameter('filters', {}) as TriggerFilters).phoneId);
	return qs.phone_id !== undefined && qs.phone_id !== phone.value ? { ...qs, phone_id: `${phone.mode}:${phone.value}` } : qs;
}
