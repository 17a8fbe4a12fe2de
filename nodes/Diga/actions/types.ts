import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PhoneDirectory } from '../helpers/phoneDirectory';
import type { RepeatGuard } from '../helpers/repeatCalls';
import type { DigaNodeMap, DigaResource } from '../node.type';
import type { DigaClient } from '../transport/client';

/** What one execution of the node shares across its items: one client, one phone listing. */
export interface RunContext {
	client: DigaClient;
	phones: PhoneDirectory;
	/** Call → Make's guard against placing the same call twice. */
	repeats: RepeatGuard;
}

/** One operation: its UI fields and what it does for one input item. */
export interface DigaOperation {
	description: INodeProperties[];
	/**
	 * Operations that change something in Diga check an item's input and build what they will send
	 * (reads such as a phone lookup allowed, no change). Without continue-on-fail the router runs it
	 * for every item before the first change is sent, and hands its result to `execute`.
	 */
	prepare?(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<unknown>;
	/** `prepared`: what `prepare` returned for this item, when the router ran it first. */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: unknown): Promise<IDataObject | IDataObject[]>;
}

/** A resource's operations, exactly those the node map names. */
export type ResourceOperations<R extends DigaResource> = Record<DigaNodeMap[R], DigaOperation>;
