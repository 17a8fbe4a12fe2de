import type { IDataObject } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { DigaCall } from '../transport/types';
import { normalizePhoneNumber } from './input';
import type { PhoneDirectory } from './phoneDirectory';
import { isInUse } from './phoneDirectory';

/** A call this guard found instead of placing a new one: Diga's record, marked. */
export type RepeatedCall = DigaCall & { skippedAsRepeat: true };

/** Diga's date-times may come without a zone (Python naive): those are UTC. */
export function parseDigaTime(value: unknown): number {
	if (typeof value !== 'string') return Number.NaN;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) ? value : `${value}Z`;
	return Date.parse(zoned);
}

/**
 * Call → Make's repeat guard. Before a call is placed from a line to a number, it looks for a call
 * from that line to that number created within the window, in Diga (listed once per line per
 * execution: `GET /v1/call/?phone_id=…&type=outbound&start_created_date=…`) and among the calls
 * this execution placed. Items for the same line and number take turns, so two of them in one run
 * place one call. What it cannot see: calls another execution places after its listing.
 */
export class RepeatGuard {
	private readonly listings = new Map<string, Promise<DigaCall[]>>();
	/** The calls this execution placed, by line and number. */
	private readonly placed = new Map<string, DigaCall>();
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
	 * `place()`, unless a call from `from` (a phone id or a number) to `to` exists within the window:
	 * then that call, marked `skippedAsRepeat: true`, and nothing is placed.
	 */
	async placeOnce(from: string, to: string, itemIndex: number, place: () => Promise<DigaCall>): Promise<DigaCall | RepeatedCall> {
		if (!this.enabled) return await place();
		const key = `${from.toLowerCase()}|${to}`;
		const previous = this.turns.get(key) ?? Promise.resolve();
		const turn = previous.catch(() => undefined).then(async () => {
			const lines = await this.lineIds(from, itemIndex);
			const earlier = await this.findCall(lines, to, itemIndex);
			if (earlier) return { ...earlier, skippedAsRepeat: true as const };
			const call = await place();
			this.placed.set(`${String(call.phone_register_id)}|${to}`, call);
			return call;
		});
		this.turns.set(key, turn);
		return await turn;
	}

	/** The phone ids a caller names: the id itself, or the records in use of a number (none: Diga will say so). */
	private async lineIds(from: string, itemIndex: number): Promise<string[]> {
		if (!from.startsWith('+')) return [from.toLowerCase()];
		const records = await this.phones.recordsOf(from, itemIndex);
		return records.filter(isInUse).map((phone) => phone.id);
	}

	private async findCall(lines: string[], to: string, itemIndex: number): Promise<DigaCall | undefined> {
		const since = this.now() - this.windowMs;
		const matches = (call: DigaCall) =>
			lines.includes(String(call.phone_register_id)) &&
			normalizePhoneNumber(String((call.contact as IDataObject | undefined)?.identifier ?? '')) === to &&
			parseDigaTime(call.created_date) >= since;
		const own = lines.map((line) => this.placed.get(`${line}|${to}`)).find((call) => call !== undefined && matches(call));
		if (own) return own;
		for (const line of lines) {
			const found = (await this.listing(line, itemIndex)).find(matches);
			if (found) return found;
		}
		return undefined;
	}

	/** Diga's outbound calls of a line created within the window, read once per execution. */
	private listing(line: string, itemIndex: number): Promise<DigaCall[]> {
		let listing = this.listings.get(line);
		if (!listing) {
			const since = new Date(this.now() - this.windowMs).toISOString();
			listing = readList<DigaCall>(
				this.client,
				'/v1/call/',
				{ phone_id: line, type: 'outbound', start_created_date: since },
				undefined,
				{ itemIndex },
			);
			this.listings.set(line, listing);
			// A failed listing fails its item; the next item of the line asks again.
			void listing.catch(() => this.listings.delete(line));
		}
		return listing;
	}
}
