import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import type { DigaIntegration } from '../../transport/types';
import { AN_INTEGRATION } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { baseUrlField, INTEGRATION_FIELDS, NAME, optionalFields, readBaseUrl, readName, readOptionalFields, TYPE } from './integrationFields';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Connect an HTTP API or an MCP server whose tools Diga’s agents can use during calls',
	action: 'Create an HTTP or MCP integration',
} as const satisfies OperationOption;

const TYPES = ['HTTP', 'MCP'];

const properties: INodeProperties[] = [
	{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', required: true, placeholder: 'e.g. Order system', description: 'The integration’s name in Diga' },
	{
		displayName: TYPE.label,
		name: TYPE.name,
		type: 'options',
		default: 'HTTP',
		options: [
			{ name: 'HTTP', value: 'HTTP', description: 'An HTTP API; add its tools with Integration Tool → Create' },
			{ name: 'MCP', value: 'MCP', description: 'An MCP server; Diga reads its tools from it and checks its authentication now' },
		],
	},
	baseUrlField(true),
	additionalFields(optionalFields),
];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['create'] } }, properties);

/** `CreateIntegrationRequest`, checked before any integration of the run is created. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = this.getNodeParameter(TYPE.name, itemIndex, 'HTTP') as unknown;
	if (typeof type !== 'string' || !TYPES.includes(type)) {
		throw new NodeOperationError(this.getNode(), `${TYPE.label} must be HTTP or MCP`, { itemIndex, description: `It is ${JSON.stringify(type)}.` });
	}
	return {
		[NAME.api]: readName(this, this.getNodeParameter(NAME.name, itemIndex, ''), itemIndex),
		[TYPE.api]: type,
		base_url: readBaseUrl(this, this.getNodeParameter('baseUrl', itemIndex, ''), itemIndex),
		...readOptionalFields(this, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, itemIndex),
	};
}

const keptOrNot = (name: string) => `Diga does not say whether it kept the integration: Integration → Get Many (Name "${name}") shows it.`;

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? (await prepare.call(this, itemIndex));
	const name = String(body.name);
	return await run.client.request<DigaIntegration>(
		{
			method: 'POST',
			path: '/v1/integration',
			body,
			expect: AN_INTEGRATION,
			lostAnswer: {
				mayHave: `Diga may have created the integration "${name}"`,
				check: `Integration → Get Many with Filters → Name "${name}": if it is there, do not create it again.`,
			},
		},
		{
			itemIndex,
			fields: INTEGRATION_FIELDS,
			// Diga's documented answers when it cannot sync an MCP server's tools. "Authentication is validated during
			// creation"; whether a failed sync keeps the integration the spec does not say (docs/spec-gaps.md).
			byErrorCode: {
				M_C_P_AUTHENTICATION_FAILED: `The MCP server at ${String(body.base_url)} did not accept the Auth Key or headers`,
				M_C_P_SERVER_ERROR: `Diga could not read the tools of the MCP server at ${String(body.base_url)}: it could not be reached or answered with an error. ${keptOrNot(name)}`,
				M_C_P_CONNECTION_TIMEOUT: `The MCP server at ${String(body.base_url)} did not answer Diga in time. ${keptOrNot(name)}`,
			},
		},
	);
}
