import { sleep } from 'n8n-workflow';

import { StartPacer } from './pacer';
import { parseRetryAfter } from './retry';

/** What the client hands each request attempt to (transport/client.ts). */
export interface RequestLimiter {
	/**
	 * Sends when the request may go. `ready` is asked right before it is sent, after every wait:
	 * it throws when the request must not go any more (the run stopped or was cancelled meanwhile).
	 */
	run<R extends AnsweredRequest>(send: () => Promise<R>, ready?: () => void): Promise<R>;
}

/** The parts of an answer the limiter reads. */
export interface AnsweredRequest {
	statusCode: number;
	headers?: Record<string, unknown>;
}

export interface LimiterOptions {
	/** Max Concurrency: never more in flight than this. */
	max: number;
	/** The longest the whole pool pauses for one Retry-After (Max Retry Wait). */
	maxPauseMs: number;
	/** `false`: a pool fixed at `max`, as before 429-narrowing (only `npm run bench` compares it). */
	adaptive?: boolean;
	/**
	 * How to wait out a Retry-After or a paced start; the run's passes a wait that a cancelled
	 * execution ends (it throws) and a stopped run ends early (it returns: `ready` then refuses).
	 */
	wait?: (ms: number) => Promise<void>;
	/** The clock of the paced starts (tests pass a fake one). */
	now?: () => number;
	/** `false`: every start as soon as the allowance lets it, unpaced (the allowance tests, which answer in lockstep). */
	pace?: boolean;
}

/**
 * Admits the requests of one execution: at most `max` (Max Concurrency) in flight, fewer while
 * Diga answers 429. On a 429 the allowance drops to half the requests then in flight, and no new
 * request starts before its Retry-After has passed; after each full allowance of answers without
 * a 429 (about one round trip) it widens by one, back up to `max`. Retries pass through here too, so a rate-limited
 * run backs off as a whole instead of every item retrying at full width. Starts are spread over
 * the round trip (transport/pacer.ts) so that answers do not come back in bursts.
 */
export class AdaptiveLimiter implements RequestLimiter {
	private allowed: number;
	private inFlight = 0;
	private answeredSinceChange = 0;
	private changes = 0;
	private readonly waiting: Array<() => void> = [];
	private resumeAt = 0;
	/** Requests finished so far: round trips are measured only from requests that started after the first. */
	private finished = 0;
	private readonly pacer: StartPacer;
	private readonly now: () => number;
	private readonly pace: boolean;

	readonly max: number;
	private readonly maxPauseMs: number;
	private readonly adaptive: boolean;
	private readonly wait: (ms: number) => Promise<void>;

	constructor(options: LimiterOptions) {
		this.max = options.max;
		this.maxPauseMs = options.maxPauseMs;
		this.adaptive = options.adaptive ?? true;
		this.wait = options.wait ?? sleep;
		this.allowed = options.max;
		this.now = options.now ?? (() => performance.now());
		this.pace = options.pace ?? true;
		this.pacer = new StartPacer(this.now);
	}

	/** How many requests may be in flight now. */
	get allowance(): number {
		return this.allowed;
	}

	async run<R extends AnsweredRequest>(send: () => Promise<R>, ready?: () => void): Promise<R> {
		let slot: number | undefined;
		for (;;) {
			// Whatever it waited for, the request looks at the run again before it goes: the loop only
			// leaves (and sends) in the same turn as this check.
			ready?.();
			if (this.inFlight >= this.allowed) {
				slot = undefined; // booked for a start that has to wait anyway: booked again when it may go
				await new Promise<void>((resolve) => this.waiting.push(resolve));
				// Woken by another request's answer before its sender has read it: one turn of the event
				// loop lets a failure that answer brings stop the run before `ready` looks.
				if (ready) await this.wait(0);
			}
			// Diga asked to wait (Retry-After of a 429): no new request before then, not only the retry.
			else if (this.adaptive && this.now() < this.resumeAt) {
				slot = undefined;
				await this.wait(this.resumeAt - this.now());
			} else if (!this.pace) break;
			else {
				// Its own start in the schedule; after a pause the checks above run again.
				slot ??= this.pacer.book(this.max);
				const pause = this.pacer.pauseUntil(slot);
				if (pause === 0) break;
				const pausedAt = this.now();
				await this.wait(pause);
				this.pacer.pausedLate(this.now() - pausedAt - pause);
			}
		}
		this.inFlight++;
		const sentAt = this.changes;
		const startedAt = this.now();
		// The first requests leave together before anything is known: their round trips hold the whole
		// burst's work and n8n's cold start (tens of ms at 0 ms latency), which would pace a busy run.
		const measured = this.finished > 0;
		let answer: AnsweredRequest | undefined;
		try {
			answer = await send();
			return answer as R;
		} finally {
			this.inFlight--;
			if (answer && measured) this.pacer.observe(this.now() - startedAt);
			this.finished++;
			this.answered(answer, sentAt);
			this.waiting.splice(0).forEach((wake) => wake());
		}
	}

	/** `sentAt`: how many changes the allowance had seen when the request was sent. */
	private answered(answer: AnsweredRequest | undefined, sentAt: number): void {
		if (answer?.statusCode === 429) {
			if (!this.adaptive) return;
			// Half of what was in flight when Diga said "too many" (this request included).
			this.allowed = Math.max(1, Math.min(this.allowed, Math.floor((this.inFlight + 1) / 2)));
			this.changed();
			const wait = parseRetryAfter(answer.headers?.['retry-after']);
			if (wait !== undefined) this.resumeAt = Math.max(this.resumeAt, this.now() + Math.min(wait, this.maxPauseMs));
			return;
		}
		// Only answers to requests sent at the current allowance say whether it is too wide.
		if (answer === undefined || this.allowed >= this.max || sentAt !== this.changes) return;
		if (++this.answeredSinceChange >= this.allowed) {
			this.allowed++;
			this.changed();
		}
	}

	private changed(): void {
		this.changes++;
		this.answeredSinceChange = 0;
	}
}
