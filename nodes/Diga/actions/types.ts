import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PhoneDirectory } from '../helpers/phoneDirectory';
import type { DigaClient } from '../transport/client';

/** What one execution of the node shares across its items: one client, one phone listing. */
export interface RunContext {
	client: DigaClient;
	phones: PhoneDirectory;
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

/** One operation, described by its own file: its menu entry, its UI fields, what it does for one item. */
export interface DigaOperation<V extends string = string> {
	option: OperationOption & { value: V };
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject | IDataObject[]>;
}

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
