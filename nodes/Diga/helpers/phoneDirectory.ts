import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PHONE_FIELD } from '../vocabulary/fields';
import type { DigaClient } from '../transport/client';
import { digaApiError } from '../transport/errors';
import type { DigaPhone } from '../transport/types';
import { canonicalPhoneNumber } from '../vocabulary/phoneNumbers';
import { phoneReference, readLocator } from './input';
import type { LocatorValue, NodeContext } from './input';
import { readList } from '../transport/paginate';

/** Records of a number that no longer route calls: kept by Diga for history (the spec's PhoneRegisterStatus). */
const NOT_IN_USE = new Set(['released', 'finished']);

/** Whether a phone record still routes calls (not released or finished). */
export const isInUse = (phone: DigaPhone): boolean => !NOT_IN_USE.has(String(phone.status));

/**
 * The account's phone numbers, listed at most once per execution and only when an item
 * asks for a phone by number. Concurrent items share the one listing in flight.
 */
export class PhoneDirectory {
	private phonesByNumber?: Promise<Map<string, DigaPhone[]>>;

	constructor(private readonly client: DigaClient) {}

	private load(): Promise<Map<string, DigaPhone[]>> {
		this.phonesByNumber ??= readList<DigaPhone>(this.client, '/v1/phone/').then((phones) => {
			const byNumber = new Map<string, DigaPhone[]>();
			for (const phone of phones) {
				const number = canonicalPhoneNumber(String(phone.number));
				byNumber.set(number, [...(byNumber.get(number) ?? []), phone]);
			}
			return byNumber;
		});
		return this.phonesByNumber;
	}

	/** Every record Diga holds for `number`; a failed listing is reported on the item that asked. */
	async recordsOf(number: string, itemIndex?: number): Promise<DigaPhone[]> {
		return (await this.listing(itemIndex)).get(canonicalPhoneNumber(number)) ?? [];
	}

	/** Every phone record of the account (the same one listing per execution). */
	async all(itemIndex?: number): Promise<DigaPhone[]> {
		return [...(await this.listing(itemIndex)).values()].flat();
	}

	private async listing(itemIndex?: number): Promise<Map<string, DigaPhone[]>> {
		try {
			return await this.load();
		} catch (error) {
			const failure = error as { message?: string; description?: string; httpCode?: string };
			// The listing is shared by all items: each gets its own copy of the error, with its index.
			const message = String(failure.message ?? error);
			throw digaApiError(this.client.node, { message }, {
				message,
				description: failure.description ?? undefined,
				httpCode: failure.httpCode ?? undefined,
				itemIndex,
			});
		}
	}
}

const describePhone = (phone: DigaPhone) => `${phone.id} (${String(phone.status)})`;

/**
 * The record of `number` now in use: Diga keeps released and finished records of a number next
 * to the record of whoever holds it now, and only the latter may be read or changed.
 */
async function phoneIdForNumber(
	context: NodeContext,
	directory: PhoneDirectory,
	number: string,
	itemIndex?: number,
): Promise<string> {
	const records = await directory.recordsOf(number, itemIndex);
	const inUse = records.filter(isInUse);
	if (inUse.length === 1) return inUse[0].id;
	const fail = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex, description });
	if (inUse.length > 1) {
		throw fail(
			`Diga holds ${inUse.length} records in use for the number ${number}`,
			`Records: ${inUse.map(describePhone).join(', ')}. Pick the phone by ID or from the list.`,
		);
	}
	if (records.length > 0) {
		throw fail(
			`The number ${number} is no longer in use in this Diga account`,
			`Diga only keeps released or finished records of it: ${records.map(describePhone).join(', ')}.`,
		);
	}
	throw fail(`No phone with the number ${number} in this Diga account`, 'Check the number, or pick the phone from the list.');
}

/** The phone id chosen in the Phone locator of this item, whichever mode was used. */
export async function resolvePhoneId(
	context: IExecuteFunctions,
	directory: PhoneDirectory,
	itemIndex: number,
	field: { name: string; label: string } = PHONE_FIELD,
): Promise<string> {
	return await phoneIdOfLocator(context, directory, readLocator(context, field.name, itemIndex), field.label, itemIndex);
}

/** The phone id a Phone locator already read names: its id, or the record in use of its number. */
export async function phoneIdOfLocator(
	context: NodeContext,
	directory: PhoneDirectory,
	locator: LocatorValue,
	label: string,
	itemIndex?: number,
): Promise<string> {
	const phone = phoneReference(context, locator, label, itemIndex);
	return phone.id ?? (await phoneIdForNumber(context, directory, phone.number, itemIndex));
}
