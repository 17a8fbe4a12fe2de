import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PhoneDirectory } from '../helpers/phoneDirectory';
import type { DigaNodeMap, DigaResource } from '../node.type';
import type { DigaClient } from '../transport/client';

/** What one execution of the node shares across its items: one client, one phone listing. */
export interface RunContext {
	client: DigaClient;
	phones: PhoneDirectory;
}

/** An output item that carries binary data (a downloaded file) next to its JSON. */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation makes of one input item: one or more records, or one item with binary data. */
export type OperationResult = IDataObject | IDataObject[] | ItemWithBinary;

/** What one input item came to: its result, or the error it failed with (the router reports it). */
export type ItemOutcome = { ok: true; value: OperationResult } | { ok: false; error: unknown };

/** One operation: its UI fields and what it does for one input item. */
interface PerItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<OperationResult>;
}

/**
 * An operation that needs all input items at once (Call → Delete sends the ids of many items in
 * one request). It returns one outcome per input item, in input order; `undefined` for items it
 * did not get to (an earlier failure stopped the run).
 */
interface AllItemsOperation {
	description: INodeProperties[];
	executeAll(this: IExecuteFunctions, run: RunContext): Promise<Array<ItemOutcome | undefined>>;
}

export type DigaOperation = PerItemOperation | AllItemsOperation;

/** A resource's operations, exactly those the node map names. */
export type ResourceOperations<R extends DigaResource> = Record<DigaNodeMap[R], DigaOperation>;
