import type { INode } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type AbortableSleep = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * n8n's own timer, ended early by a signal: `sleepWithAbort` in n8n-workflow 1.x (whose `sleep`
 * takes no signal), `sleep(ms, signal)` in 2.x (which has no `sleepWithAbort`). Both clear their
 * timer on abort and reject.
 */
const sleep: AbortableSleep = (n8nWorkflow as { sleepWithAbort?: AbortableSleep }).sleepWithAbort ?? n8nWorkflow.sleep;

/**
 * The execution's cancel signal (n8n-workflow ≥ 1.x offers `getExecutionCancelSignal` on the
 * execute context; pickers have none). n8n's authenticated request helper passes the same
 * signal to its HTTP client, so a request in flight is aborted by n8n itself.
 */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context && typeof context.getExecutionCancelSignal === 'function'
		? context.getExecutionCancelSignal()
		: undefined;
}

export function cancelledError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled', {
		itemIndex,
		description: 'No further request was sent to Diga.',
	});
}

/** A request not sent because another item of the run failed (without continue-on-fail). */
export class RunStoppedError extends NodeOperationError {}

export function throwIfStopped(node: INode, signal: AbortSignal | undefined, itemIndex?: number): void {
	if (signal?.aborted) {
		throw new RunStoppedError(node, 'Not sent: another item failed, so the run stopped', {
			itemIndex,
			description: 'This item made no change in Diga.',
		});
	}
}

export function throwIfCancelled(node: INode, signal: AbortSignal | undefined, itemIndex?: number): void {
	if (signal?.aborted) throw cancelledError(node, itemIndex);
}

/** Resolves once `signal` fires; `stop` removes the listener. */
function whenAborted(signal: AbortSignal): { fired: Promise<void>; stop: () => void } {
	let onAbort = () => {};
	const fired = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	return { fired, stop: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Waits `ms` (a retry's pause) unless the execution is cancelled first, then throws at once.
 * The race with the signal itself keeps that true on a release whose sleep ignores the signal.
 * `stopSignal` (the run stopped after a failure) ends the wait early without throwing: the caller
 * looks at it before it sends anything (`throwIfStopped`).
 */
export async function waitUnlessCancelled(
	node: INode,
	ms: number,
	signal: AbortSignal | undefined,
	itemIndex?: number,
	stopSignal?: AbortSignal,
): Promise<void> {
	const signals = [signal, stopSignal].filter((s): s is AbortSignal => s !== undefined);
	if (signals.length === 0) return await sleep(ms);
	throwIfCancelled(node, signal, itemIndex);
	if (stopSignal?.aborted) return;
	const ended = new AbortController();
	const waits = signals.map(whenAborted);
	try {
		await Promise.race([sleep(ms, ended.signal).catch(() => undefined), ...waits.map((wait) => wait.fired)]);
	} finally {
		ended.abort();
		waits.forEach((wait) => wait.stop());
	}
	throwIfCancelled(node, signal, itemIndex);
}

export const DEADLINE_PASSED = { code: 'ETIMEDOUT', message: 'timeout: the whole request took longer than the Timeout option' };

/**
 * `exchange`, or a timeout error once `ms` have passed since it started, whatever the server
 * is doing (sending nothing, or a byte now and then). n8n's authenticated helper replaces any
 * abort signal of ours with the execution's, so a late exchange cannot be aborted from here: it is
 * abandoned, and its socket closes at the helper's idle timeout or when the execution ends.
 */
export async function withDeadline<T>(exchange: Promise<T>, ms: number): Promise<T> {
	const done = new AbortController();
	const deadline = sleep(ms, done.signal).then(
		() => Promise.reject(Object.assign(new Error(DEADLINE_PASSED.message), { code: DEADLINE_PASSED.code })),
		() => undefined as never,
	);
	try {
		return await Promise.race([exchange, deadline]);
	} finally {
		done.abort();
	}
}
