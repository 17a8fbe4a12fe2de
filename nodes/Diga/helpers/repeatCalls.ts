import type { IDataObject } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import { isOutcomeUnknown } from '../transport/lostAnswer';
import { readList } from '../transport/paginate';
import type { DigaCall } from '../transport/types';
import { parseDigaTime } from '../vocabulary/digaTime';
import { canonicalPhoneNumber } from '../vocabulary/phoneNumbers';
import type { PhoneReference } from './input';
import type { PhoneDirectory } from './phoneDirectory';
import { isInUse } from './phoneDirectory';

/** A call this guard found instead of placing a new one: Diga's record, marked. */
export type RepeatedCall = DigaCall & { skippedAsRepeat: true };

/** An item not placed because an earlier item of the run sent the same call and lost its answer. */
export interface UnconfirmedRepeat extends IDataObject {
	skippedAsRepeat: true;
	outcomeUnknown: true;
	from_number: string;
	to_number: string;
	reason: string;
	/** How to find out whether Diga placed it (from the lost item's error). */
	check: string;
}

/** Placing one call; `recheck` goes in the request as `beforeResend` (transport/client.ts). */
export type PlaceCall = (recheck: () => Promise<RepeatedCall | undefined>) => Promise<DigaCall>;

/** An earlier item whose call may have been placed: its answer was lost. */
interface LostCall {
	itemIndex: number;
	/** Its error: what was lost, and how to check. */
	message: string;
	description: string;
}

/** The permission Diga's spec names for viewing calls; its 403 example for the listing: "Missing required permissions to view calls". */
const NO_LISTING_PERMISSION =
	'The Diga API key may not list calls (permission calls.view), which Call → Make’s repeat guard needs to look for an earlier call from this line. Give the key calls.view, or set Skip Repeat Calls Within (Minutes) to 0 to turn the guard off.';

/**
 * Call → Make's repeat guard. Before a call is placed from a line to a number, it looks for a call
 * from that line to that number created within the window, in Diga (listed once per line per
 * execution: `GET /v1/call/?phone_id=…&type=outbound&start_created_date=…`, and again before a
 * create is re-sent after a 429 or 503) and among the calls this execution placed or may have
 * placed (a lost answer). Lines are compared by phone id (a number is resolved to its record in
 * use) and numbers in one form (vocabulary/phoneNumbers.ts). Items calling the same number take
 * turns, whichever way they name the line, so two of them in one run place one call.
 * What it cannot see: calls another execution places after its listing.
 */
export class RepeatGuard {
	private readonly listings = new Map<string, Promise<DigaCall[]>>();
	/** The calls this execution placed, by line and number. */
	private readonly placed = new Map<string, DigaCall>();
	/** The calls this execution sent whose answer was lost, by line and number: they count as placed. */
	private readonly lost = new Map<string, LostCall>();
	private readonly turns = new Map<string, Promise<unknown>>();

	constructor(
		private readonly client: DigaClient,
		private readonly phones: PhoneDirectory,
		/** The window; 0 turns the guard off. */
		readonly windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	get enabled(): boolean {
		return this.windowMs > 0;
	}

	/**
	 * `place()`, unless a call from `from` to `to` exists within the window: then that call, marked
	 * `skippedAsRepeat: true` (or, when an earlier item's answer was lost, an `UnconfirmedRepeat`),
	 * and nothing is placed.
	 */
	async placeOnce(from: PhoneReference, to: string, itemIndex: number, place: PlaceCall): Promise<DigaCall | RepeatedCall | UnconfirmedRepeat> {
		if (!this.enabled) return await place(async () => undefined);
		const number = canonicalPhoneNumber(to);
		const previous = this.turns.get(number) ?? Promise.resolve();
		const turn = previous.catch(() => undefined).then(async () => {
			const lines = await this.lineIds(from, itemIndex);
			const lostKeys = (lines.length > 0 ? lines : [String(from.number)]).map((line) => `${line}|${number}`);
			const lost = lostKeys.map((key) => this.lost.get(key)).find((call) => call !== undefined);
			if (lost) return unconfirmedRepeat(from, number, lost);
			const earlier = await this.findCall(lines, number, itemIndex, false);
			if (earlier) return earlier;
			const placing = place(async () => await this.findCall(lines, number, itemIndex, true));
			// A lost answer is remembered before this turn ends (handlers run in the order they were added).
			void placing.catch((error: unknown) => {
				if (!isOutcomeUnknown(error)) return;
				const { message, description } = error as { message?: unknown; description?: unknown };
				for (const key of lostKeys) this.lost.set(key, { itemIndex, message: String(message), description: String(description ?? '') });
			});
			const call = await placing;
			if (call.skippedAsRepeat !== true) {
				// By the line it names and by the line Diga says it used (a number may name several records).
				const placedLines = new Set([...lines, String(call.phone_register_id ?? '').toLowerCase()].filter(Boolean));
				for (const line of placedLines) this.placed.set(`${line}|${number}`, call);
			}
			return call;
		});
		this.turns.set(number, turn);
		return await turn;
	}

	/** The phone ids a caller names: the id itself, or the records in use of a number (none: Diga will say so). */
	private async lineIds(from: PhoneReference, itemIndex: number): Promise<string[]> {
		if (from.id !== undefined) return [from.id.toLowerCase()];
		const records = await this.phones.recordsOf(from.number, itemIndex);
		return records.filter(isInUse).map((phone) => phone.id.toLowerCase());
	}

	/** A call from one of `lines` to `number` within the window, marked as a repeat; `fresh` lists Diga again. */
	private async findCall(lines: string[], number: string, itemIndex: number, fresh: boolean): Promise<RepeatedCall | undefined> {
		const since = this.now() - this.windowMs;
		const matches = (call: DigaCall) =>
			lines.includes(String(call.phone_register_id).toLowerCase()) &&
			canonicalPhoneNumber(String((call.contact as IDataObject | undefined)?.identifier ?? '')) === number &&
			(parseDigaTime(call.created_date) ?? -Infinity) >= since;
		// A call this run placed is a repeat whatever Diga's record says of its line, number or time.
		let found = lines.map((line) => this.placed.get(`${line}|${number}`)).find((call) => call !== undefined);
		for (const line of lines) {
			if (found) break;
			if (fresh) this.listings.delete(line);
			found = (await this.listing(line, itemIndex)).find(matches);
		}
		return found && { ...found, skippedAsRepeat: true as const };
	}

	/** Diga's outbound calls of a line created within the window, read once per execution (again when `findCall` is fresh). */
	private listing(line: string, itemIndex: number): Promise<DigaCall[]> {
		let listing = this.listings.get(line);
		if (!listing) {
			const since = new Date(this.now() - this.windowMs).toISOString();
			listing = readList<DigaCall>(
				this.client,
				'/v1/call/',
				{ phone_id: line, type: 'outbound', start_created_date: since },
				undefined,
				{ itemIndex, byStatus: { 403: NO_LISTING_PERMISSION } },
			);
			this.listings.set(line, listing);
			// A failed listing fails its item; the next item of the line asks again.
			const failed = listing;
			void listing.catch(() => {
				if (this.listings.get(line) === failed) this.listings.delete(line);
			});
		}
		return listing;
	}
}

function unconfirmedRepeat(from: PhoneReference, to: string, lost: LostCall): UnconfirmedRepeat {
	const line = from.id ?? from.number;
	return {
		skippedAsRepeat: true,
		outcomeUnknown: true,
		from_number: line,
		to_number: to,
		reason: `Not called, so as not to call twice: item ${lost.itemIndex} of this run sent the same call from ${line} to ${to}, and Diga may have placed it (${lost.message}).`,
		check: lost.description,
	};
}
