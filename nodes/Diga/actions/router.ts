import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PhoneDirectory } from '../helpers/phoneDirectory';
import { runBounded } from '../helpers/pool';
import { AdaptiveLimiter } from '../transport/limiter';
import { RepeatGuard } from '../helpers/repeatCalls';
import { readRunSettings } from '../helpers/runSettings';
import type { Diga } from '../node.type';
import { cancelSignalOf, waitUnlessCancelled } from '../transport/cancel';
import { DigaClient } from '../transport/client';
import { resources } from './index';
import { isStopped, runReport } from './runReport';
import type { DigaOperation, DigaResourceUnit, ItemOutcome, PerItemOperation, RunContext } from './types';
import { ItemWithBinary, PartlyDone } from './types';

/** resource → operation value → operation, from the registry. */
const registry: readonly DigaResourceUnit[] = resources;
const operations = new Map<string, Map<string, DigaOperation>>(
	registry.map((resource) => [
		resource.value,
		new Map<string, DigaOperation>(resource.operations.map((operation) => [operation.option.value, operation])),
	]),
);

/** The operation a saved workflow names, or `undefined` for a name this version does not know. */
function findOperation({ resource, operation }: Diga): DigaOperation | undefined {
	return operations.get(resource)?.get(operation);
}

/** Errors that already say which item failed keep their words; anything else is wrapped. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

export interface RouterOptions {
	/** `false` keeps the pool at Max Concurrency under 429s (only `npm run bench` compares it). */
	adaptToRateLimits?: boolean;
	/** `false` starts every request as soon as the pool lets it, unpaced (only the benches compare it). */
	paceStarts?: boolean;
}

export async function router(this: IExecuteFunctions, options: RouterOptions = {}): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const diga = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as Diga;
	const operation = findOperation(diga);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${diga.operation}" is not supported for "${diga.resource}"`);
	}

	const settings = readRunSettings(this);
	const client = await DigaClient.create(this, settings.request);
	const node = this.getNode();
	const cancelSignal = cancelSignalOf(this);
	const continueOnFail = this.continueOnFail();
	// After a failure without continue-on-fail, no request starts: no new item, no next request of a
	// running one, and none that was waiting (for a retry, a slot, a Retry-After, a paced start).
	const stop = new AbortController();
	if (!continueOnFail) client.stopSignal = stop.signal;
	// Items run Max Concurrency at a time; their requests go through one limiter that narrows on 429.
	client.limiter = new AdaptiveLimiter({
		max: settings.maxConcurrency,
		maxPauseMs: settings.request.maxRetryWaitMs,
		adaptive: options.adaptToRateLimits ?? true,
		pace: options.paceStarts ?? true,
		wait: async (ms) => await waitUnlessCancelled(node, ms, cancelSignal, undefined, client.stopSignal),
	});
	const phones = new PhoneDirectory(client);
	const run: RunContext = { client, phones, repeats: new RepeatGuard(client, phones, settings.repeatWindowMs) };
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	// Call → Delete (executeAll) checks all its items itself before its one request.
	const changesDiga = 'executeAll' in operation || operation.prepare !== undefined;

	let results: Array<ItemOutcome | undefined>;
	if ('executeAll' in operation) {
		results = await operation.executeAll.call(this, run);
	} else {
		// Without continue-on-fail, an operation that changes Diga checks every item before the first change.
		const prepared = operation.prepare && !continueOnFail ? await prepareAll.call(this, operation, run, items.length, settings.maxConcurrency) : undefined;
		results = await runBounded(
			items.length,
			settings.maxConcurrency,
			async (itemIndex) => {
				const done = operation.execute.call(this, itemIndex, run, prepared?.[itemIndex]);
				void done.catch(() => stop.abort());
				return await done;
			},
			!continueOnFail,
		);
	}

	if (!continueOnFail) {
		// The error of the first item that failed on its own (not only because the run stopped).
		const failed = results.findIndex((result) => result && !result.ok && !isStopped(result));
		if (failed >= 0) {
			const error = asNodeError(this, (results[failed] as { error: unknown }).error, failed);
			// With one item there is nothing else to report.
			if (changesDiga && items.length > 1) appendDescription(error, runReport(results, items.length, failed));
			throw error;
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue;
		if (result.ok) {
			if (result.value instanceof ItemWithBinary) {
				output.push({ json: result.value.json, binary: result.value.binary, pairedItem: { item: itemIndex } });
				continue;
			}
			if (result.value instanceof PartlyDone) {
				if (result.value.done) output.push({ json: result.value.done, pairedItem: { item: itemIndex } });
				for (const refused of result.value.refused) output.push(errorItem(this, refused, itemIndex, toErrorOutput));
				continue;
			}
			const records = Array.isArray(result.value) ? result.value : [result.value];
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
			continue;
		}
		output.push(errorItem(this, result.error, itemIndex, toErrorOutput));
	}
	return [output];
}

/** An input item's error as an output item (continue-on-fail). */
function errorItem(context: IExecuteFunctions, failure: unknown, itemIndex: number, toErrorOutput: boolean): INodeExecutionData {
	const error = asNodeError(context, failure, itemIndex);
	const description = 'description' in error && error.description ? String(error.description) : undefined;
	return {
		// n8n moves an item to the error output (On Error: Continue (using error output)) only when its
		// json is `{ error }` or `{ error, message }` (n8n 1.x; 2.x also takes `details`): there the
		// description is `message`.
		json: { error: error.message, ...(description ? { [toErrorOutput ? 'message' : 'description']: description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/** Runs `prepare` for every item; the first bad item (by index) fails the run before anything changed. */
async function prepareAll(
	this: IExecuteFunctions,
	operation: PerItemOperation<string>,
	run: RunContext,
	count: number,
	concurrency: number,
): Promise<unknown[]> {
	const checks = await runBounded(count, concurrency, async (itemIndex) => await operation.prepare!.call(this, itemIndex, run), true);
	const failed = checks.findIndex((check) => check && !check.ok);
	if (failed >= 0) {
		const error = asNodeError(this, (checks[failed] as { error: unknown }).error, failed);
		if (count > 1) appendDescription(error, 'Nothing was changed in Diga: every item is checked before the first change is sent.');
		throw error;
	}
	return checks.map((check) => (check?.ok ? check.value : undefined));
}

function appendDescription(error: Error, text: string): void {
	const current = (error as { description?: string | null }).description;
	(error as { description?: string | null }).description = current ? `${current} ${text}` : text;
}
