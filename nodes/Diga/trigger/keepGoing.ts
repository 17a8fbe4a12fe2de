import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Diga's 404: the record is gone already, as good as removed. */
export const isGone = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/**
 * Removing what a trigger made in Diga, step by step, going on past failures: one step that fails
 * (an agent, a webhook) must not leave the others behind. A step that meets Diga's 404 is done.
 * What could not be removed is said in n8n's log, with how to remove it; the first failure is kept
 * for the caller to throw at the end (`throwFirst`), so n8n still reports the deactivation failed.
 */
export class KeepGoing {
	private failure: unknown;
	private failed = false;

	/** `trigger`: the node's display name, as the log line starts. */
	constructor(
		private readonly context: IHookFunctions,
		private readonly trigger: string,
	) {}

	/** Runs `step`; `true` when it did its job or found the record gone, `false` when it failed (logged). */
	async attempt(what: string, advice: string, step: () => Promise<unknown>): Promise<boolean> {
		try {
			await step();
			return true;
		} catch (error) {
			if (isGone(error)) return true;
			if (!this.failed) [this.failed, this.failure] = [true, error];
			this.context.logger.warn(`${this.trigger}: could not ${what}; ${advice} ${(error as Error).message}`);
			return false;
		}
	}

	/** The first failure, if any (kept for callers that combine it with another). */
	get firstFailure(): unknown {
		return this.failure;
	}

	throwFirst(): void {
		if (this.failed) throw this.failure;
	}
}
