import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PhoneDirectory } from '../helpers/phoneDirectory';
import { runBounded } from '../helpers/pool';
import { AdaptiveLimiter } from '../transport/limiter';
import { readRunSettings } from '../helpers/runSettings';
import type { Diga } from '../node.type';
import { cancelSignalOf, waitUnlessCancelled } from '../transport/cancel';
import { DigaClient } from '../transport/client';
import { resources } from './index';
import type { DigaOperation, DigaResourceUnit, RunContext } from './types';

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
	// Items run Max Concurrency at a time; their requests go through one limiter that narrows on 429.
	client.limiter = new AdaptiveLimiter({
		max: settings.maxConcurrency,
		maxPauseMs: settings.request.maxRetryWaitMs,
		adaptive: options.adaptToRateLimits ?? true,
		pace: options.paceStarts ?? true,
		wait: async (ms) => await waitUnlessCancelled(node, ms, cancelSignal),
	});
	const run: RunContext = { client, phones: new PhoneDirectory(client) };
	const continueOnFail = this.continueOnFail();

	const results = await runBounded(
		items.length,
		settings.maxConcurrency,
		async (itemIndex) => await operation.execute.call(this, itemIndex, run),
		!continueOnFail,
	);

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue; // not started: an earlier item failed and the run stops
		if (result.ok) {
			const records = Array.isArray(result.value) ? result.value : [result.value];
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
			continue;
		}
		const error = asNodeError(this, result.error, itemIndex);
		if (!continueOnFail) throw error;
		output.push({
			json: { error: error.message, ...('description' in error && error.description ? { description: error.description } : {}) },
			pairedItem: { item: itemIndex },
		});
	}
	return [output];
}
