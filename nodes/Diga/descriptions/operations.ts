import type { INodeProperties } from 'n8n-workflow';

import type { DigaNodeMap, DigaResource } from '../node.type';

export interface OperationOption<R extends DigaResource> {
	name: string;
	value: DigaNodeMap[R];
	/** What it does, for people in the editor. */
	description: string;
	/** What it does, for the editor's action list and for AI agents using the node as a tool. */
	action: string;
}

/** The "Operation" selector of one resource; its values are checked against the node map. */
export function operationSelector<R extends DigaResource>(
	resource: R,
	options: Array<OperationOption<R>>,
	defaultOperation: DigaNodeMap[R],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}
