import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PhoneDirectory } from '../helpers/phoneDirectory';
import type { RepeatGuard } from '../helpers/repeatCalls';
import type { DigaClient } from '../transport/client';

/** What one execution of the node shares across its items: one client, one phone listing. */
export interface RunContext {
	client: DigaClient;
	phones: PhoneDirectory;
	/** Call → Make's guard against placing the same call twice. */
	repeats: RepeatGuard;
}

/** An operation's entry in its resource's Operation menu. */
export interface OperationOption {
	name: string;
	/** The workflow-facing value (never rename). */
	value: string;
	/** What it does, shown under the option in the editor. */
	description: string;
	/**
	 * n8n's style, at most ~60 characters: the node panel's Actions list, and (with " in Diga")
	 * the tool description an AI agent reads. What an agent needs beyond it goes in the fields'
	 * descriptions.
	 */
	action: string;
}

/** An output item that carries binary data (a downloaded file) next to its JSON. */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/**
 * An input item Diga carried out in part, with continue-on-fail: what was done (if anything) is
 * output as a record, and each part Diga refused as an error item of its own.
 */
export class PartlyDone {
	constructor(
		readonly done: IDataObject | undefined,
		readonly refused: Error[],
	) {}
}

/** What an operation makes of one input item: one or more records, one item with binary data, or a partial success. */
export type OperationResult = IDataObject | IDataObject[] | ItemWithBinary | PartlyDone;

/** What one input item came to: its result, or the error it failed with (the router reports it). */
export type ItemOutcome = { ok: true; value: OperationResult } | { ok: false; error: unknown };

interface OperationFile<V extends string> {
	option: OperationOption & { value: V };
	description: INodeProperties[];
}

/** One operation, described by its own file: its menu entry, its UI fields, what it does for one item. */
export interface PerItemOperation<V extends string> extends OperationFile<V> {
	/**
	 * Operations that change something in Diga check an item's input and build what they will send
	 * (reads such as a phone lookup allowed, no change). Without continue-on-fail the router runs it
	 * for every item before the first change is sent, and hands its result to `execute`.
	 */
	prepare?(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<unknown>;
	/** `prepared`: what `prepare` returned for this item, when the router ran it first. */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: unknown): Promise<OperationResult>;
}

/**
 * An operation that needs all input items at once (Call → Delete sends the ids of many items in
 * one request): one outcome per input item, in input order; `undefined` for an item it did not
 * get to. The router still pairs, reports and continues on fail per item.
 */
interface AllItemsOperation<V extends string> extends OperationFile<V> {
	executeAll(this: IExecuteFunctions, run: RunContext): Promise<Array<ItemOutcome | undefined>>;
}

export type DigaOperation<V extends string = string> = PerItemOperation<V> | AllItemsOperation<V>;

/** A resource: its entry in the Resource menu, its operations, and the UI they make together. */
export interface DigaResourceUnit<R extends string = string, V extends string = string> {
	name: string;
	value: R;
	defaultOperation: V;
	operations: ReadonlyArray<DigaOperation<V>>;
	/** The Operation selector followed by every operation's fields. */
	description: INodeProperties[];
}

/**
 * A resource from its operation modules: the Operation selector (options in alphabetical order,
 * as n8n's linter expects) and every operation's fields, in one place.
 */
export function defineResource<const R extends string, const Ops extends ReadonlyArray<DigaOperation>>(unit: {
	name: string;
	value: R;
	defaultOperation: Ops[number]['option']['value'];
	operations: Ops;
}): DigaResourceUnit<R, Ops[number]['option']['value']> & { operations: Ops } {
	const { defaultOperation } = unit;
	const options = unit.operations.map(({ option }) => ({ ...option })).sort((a, b) => a.name.localeCompare(b.name));
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [unit.value] } },
		options,
		default: defaultOperation,
	};
	return { ...unit, description: [selector, ...unit.operations.flatMap((operation) => operation.description)] };
}
