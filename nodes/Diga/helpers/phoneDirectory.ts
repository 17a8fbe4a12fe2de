import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PHONE_FIELD } from '../descriptions/resourceLocators';
import type { DigaClient } from '../transport/client';
import type { DigaPhone } from '../transport/types';
import { isUuid, normalizePhoneNumber, readLocator, requirePhoneNumber, requireUuid } from './input';

/**
 * The account's phone numbers, listed at most once per execution and only when an item
 * asks for a phone by number. Concurrent items share the one listing in flight.
 */
export class PhoneDirectory {
	private idsByNumber?: Promise<Map<string, string>>;

	constructor(private readonly client: DigaClient) {}

	private load(): Promise<Map<string, string>> {
		this.idsByNumber ??= this.client.paginate<DigaPhone>('/v1/phone/').then(
			(phones) => new Map(phones.map((phone) => [normalizePhoneNumber(String(phone.number)), phone.id])),
		);
		return this.idsByNumber;
	}

	async idForNumber(number: string): Promise<string | undefined> {
		return (await this.load()).get(number);
	}
}

/** The phone id chosen in the Phone locator of this item, whichever mode was used. */
export async function resolvePhoneId(
	context: IExecuteFunctions,
	directory: PhoneDirectory,
	itemIndex: number,
	field: { name: string; label: string } = PHONE_FIELD,
): Promise<string> {
	const { mode, value } = readLocator(context, field.name, itemIndex);
	// As an AI Agent tool the value comes from a model, which knows numbers rather than ids and
	// may fill any mode: an id is taken as an id, and a number (leading +) is looked up, in every mode.
	const byNumber = mode === 'number' ? !isUuid(value) : value.startsWith('+');
	if (!byNumber) return requireUuid(context, value, field.label, itemIndex);

	const number = requirePhoneNumber(context, value, field.label, itemIndex);
	const id = await directory.idForNumber(number);
	if (!id) {
		throw new NodeOperationError(context.getNode(), `No phone with the number ${number} in this Diga account`, {
			itemIndex,
			description: 'Check the number, or pick the phone from the list.',
		});
	}
	return id;
}
