import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAIN_CONNECTION } from './descriptions/connections';

/**
 * Answers the Diga agent that called a workflow through the Diga Agent Tool Trigger, as soon as it
 * runs (the trigger's Respond With: "Using the Diga Agent Tool Answer Node"). n8n's own Respond to
 * Webhook node refuses to run behind any trigger but n8n's own, and answering from the last node
 * waits until n8n has saved the execution: this answers first, which a caller on the phone hears.
 */
export class DigaToolAnswer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Agent Tool Answer',
		name: 'digaToolAnswer',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["answerWith"] }}',
		// Deliberately no tool for n8n's AI Agent (it answers a Diga agent's call of this workflow); the linter wants the key present.
		usableAsTool: undefined,
		description: 'Sends the Diga agent the answer of a Diga Agent Tool Trigger workflow at once',
		defaults: { name: 'Answer the Agent' },
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		properties: [
			{
				displayName: 'Use it after a Diga Agent Tool Trigger whose "Respond With" is "Using the Diga Agent Tool Answer Node". The first one that runs answers; later ones do nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Answer With',
				name: 'answerWith',
				type: 'options',
				default: 'firstIncomingItem',
				options: [
					{ name: 'First Incoming Item', value: 'firstIncomingItem', description: 'One object: the first item this node gets' },
					{ name: 'All Incoming Items', value: 'allIncomingItems', description: 'A list with every item this node gets' },
					{ name: 'A Sentence', value: 'sentence', description: 'An object {"answer": "…"} with the sentence below' },
				],
			},
			{
				displayName: 'Sentence',
				name: 'sentence',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. Your order {{ $json.order_number }} ships tomorrow.',
				description: 'What the agent says, in its words',
				displayOptions: { show: { answerWith: ['sentence'] } },
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const answerWith = this.getNodeParameter('answerWith', 0) as string;
		let body: IDataObject | IDataObject[];
		if (answerWith === 'allIncomingItems') body = items.map((item) => item.json);
		else if (answerWith === 'sentence') {
			const sentence = String(this.getNodeParameter('sentence', 0) ?? '').trim();
			if (!sentence) throw new NodeOperationError(this.getNode(), 'Sentence is empty', { description: 'Write what the agent should say, or answer with the incoming items.' });
			body = { answer: sentence };
		} else body = items[0]?.json ?? {};
		await this.sendResponse({ body, headers: { 'content-type': 'application/json' }, statusCode: 200 });
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}
