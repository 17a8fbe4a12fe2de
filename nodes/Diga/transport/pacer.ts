/**
 * Spreads the starts of one run's requests over time instead of sending them in bursts.
 *
 * Why: n8n (1.123) opens a new connection per request and writes it only on a later turn of the
 * event loop. Answers that arrive together make the next requests leave together, and with a
 * steady latency they come back together again: every round then costs the latency plus n8n's
 * CPU for the whole round (README → Performance). Starting at most one request per
 * `round trip / width` breaks that convoy: answers come back one by one and n8n's per-item work
 * overlaps with the waits.
 *
 * The round trip is the shortest one of the run so far (as TCP's BBR estimates it), among requests
 * that started after the run's first answer (the limiter leaves out the first burst): queueing behind
 * n8n's own work makes answers late, never early. By Little's law a pool of `width` requests in
 * flight cannot start more than `width / round trip` per millisecond anyway, so this schedule
 * never holds back a run that the width would not hold back; it only spreads the starts. The
 * estimate only ever shrinks: slower answers (a loaded machine, a slower Diga) never slow the
 * schedule down, they leave it to the width. At 0 ms
 * latency the round trip per start is far below a millisecond, which no timer can keep: no
 * schedule then, and a run busy with n8n's own work never waits.
 */
export class StartPacer {
	/** Shorter pauses are not taken: a timer cannot wait less than about a millisecond. */
	static readonly MIN_PAUSE_MS = 1;

	/** Pauses in a row that ended later than a round trip past their time. */
	static readonly LATE_PAUSES_TO_STOP = 3;

	private shortest?: number;
	private nextStartAt = 0;
	private latePauses = 0;
	private stopped = false;

	/** @param now the clock, in milliseconds (tests pass a fake one) */
	constructor(private readonly now: () => number = Date.now) {}

	/** A round trip just measured, in milliseconds. */
	observe(roundTripMs: number): void {
		if (!(roundTripMs >= 0)) return;
		this.shortest = Math.min(this.shortest ?? roundTripMs, roundTripMs);
	}

	/** The shortest round trip so far, or `undefined` before the first answer. */
	get roundTrip(): number | undefined {
		return this.shortest;
	}

	/** Time between two starts for `width` requests in flight. */
	interval(width: number): number {
		return (this.roundTrip ?? 0) / Math.max(1, width);
	}

	/**
	 * Whether starts are spread at all: not when the schedule is finer than a timer can keep, nor
	 * once the machine has shown it cannot keep it.
	 */
	paces(width: number): boolean {
		return !this.stopped && this.interval(width) >= StartPacer.MIN_PAUSE_MS;
	}

	/**
	 * A pause ended `lateMs` after its time. When pauses keep ending more than a whole round trip
	 * late, the machine is too busy to keep the schedule (other processes on its CPUs). Pausing
	 * then only adds waits (measured on a loaded 2-core machine: a busy run at 0 ms latency took
	 * twice as long), so the run goes on unpaced, as before. Lateness up to a round trip is n8n's
	 * own work on a burst of answers (the first round's), which the schedule is there to spread.
	 */
	pausedLate(lateMs: number): void {
		this.latePauses = lateMs > (this.roundTrip ?? 0) ? this.latePauses + 1 : 0;
		if (this.latePauses >= StartPacer.LATE_PAUSES_TO_STOP) this.stopped = true;
	}

	/**
	 * Books the next start for a request and returns when it may leave (now or later). Each call
	 * books its own slot: the caller waits until then and does not book again.
	 */
	book(width: number): number {
		const now = this.now();
		// A schedule finer than a timer can keep is not kept: n8n's own work per item (about 2 ms)
		// spaces such starts more than it would.
		if (!this.paces(width)) {
			this.nextStartAt = now;
			return now;
		}
		const at = Math.max(now, this.nextStartAt);
		this.nextStartAt = at + this.interval(width);
		return at;
	}

	/** How long to wait for a booked slot; 0 when it is due or too close to wait for. */
	pauseUntil(slot: number): number {
		const pause = slot - this.now();
		return pause >= StartPacer.MIN_PAUSE_MS ? pause : 0;
	}
}
