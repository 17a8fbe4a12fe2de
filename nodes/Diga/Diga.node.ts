import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as agent from './actions/agent';
import * as agentVersion from './actions/agentVersion';
import * as phone from './actions/phone';
import { router } from './actions/router';
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
		description: 'Manage the phone numbers and AI voice agents of your Diga account',
		defaults: { name: 'Diga' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Agent Version', value: 'agentVersion' },
					{ name: 'Phone', value: 'phone' },
				],
				default: 'phone',
			},
			...phone.description,
			...agent.description,
			...agentVersion.description,
			requestOptions,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
