import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { DEFAULT_RESOURCE, resources } from './actions';
import { router } from './actions/router';
import { MAIN_CONNECTION } from './descriptions/connections';
import { requestOptions } from './descriptions/options';
import { listSearch } from './methods';

export class Diga implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga',
		name: 'diga',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage the phone numbers, AI voice agents and calls of your Diga account',
		defaults: { name: 'Diga' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'digaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map(({ name, value }) => ({ name, value })),
				default: DEFAULT_RESOURCE,
			},
			...resources.flatMap((resource) => resource.description),
			requestOptions,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
