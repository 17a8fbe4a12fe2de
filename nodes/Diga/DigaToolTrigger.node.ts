import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MAIN_CONNECTION } from './descriptions/connections';
import { listSearch } from './methods';
import { answerToolCall } from './trigger/toolCall';
import { ANSWER_NODE, requireAnswerNode, TOOL_PATH_EXPRESSION } from './trigger/toolDefinition';
import { createTool, deleteTool, toolExists } from './trigger/toolLifecycle';
import { toolTriggerProperties } from './trigger/toolProperties';

const HOW_IT_RUNS =
	"<b>Test</b>: click 'Listen for test event', then call the agent (its draft has the tool while n8n listens). The call shows up in the editor.<br /><br /><b>Production</b>: activate the workflow. The agents' drafts get the tool; live calls get it once a version is published (or at once with 'Publish to Live Calls'). Calls show up in the <a data-key='executions'>executions list</a>.";

export class DigaToolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Agent Tool Trigger',
		name: 'digaToolTrigger',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["toolName"] }}',
		description: 'Makes this workflow a tool a Diga voice agent calls during a phone call; the agent says what the workflow answers',
		activationMessage: 'The chosen Diga agents now have this workflow as a tool in their draft.',
		defaults: { name: 'Diga Agent Tool' },
		triggerPanel: {
			header: 'Listen for a Diga agent calling this tool',
			executionsHelp: { inactive: HOW_IT_RUNS, active: HOW_IT_RUNS },
			activationHint: "Once you've finished building your workflow, activate it: the agents call it without this button.",
		},
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'digaApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The answer node answers the moment it runs; else n8n answers once the last node ran and the execution is saved.
				responseMode: `={{ $parameter["respondWith"] === "${ANSWER_NODE}" ? "responseNode" : "lastNode" }}`,
				responseData: '={{ $parameter["respondWith"] }}',
				path: TOOL_PATH_EXPRESSION,
			},
		],
		properties: toolTriggerProperties,
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				requireAnswerNode(this);
				return await toolExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createTool.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteTool.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerToolCall.call(this);
	}
}
