import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PhoneDirectory } from '../helpers/phoneDirectory';
import type { DigaNodeMap, DigaResource } from '../node.type';
import type { DigaClient } from '../transport/client';

/** What one execution of the node shares across its items: one client, one phone listing. */
export interface RunContext {
	client: DigaClient;
	phones: PhoneDirectory;
}

/** One operation: its UI fields and what it does for one input item. */
export interface DigaOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject | IDataObject[]>;
}

/** A resource's operations, exactly those the node map names. */
export type ResourceOperations<R extends DigaResource> = Record<DigaNodeMap[R], DigaOperation>;
