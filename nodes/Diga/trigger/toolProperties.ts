import type { INodeProperties } from 'n8n-workflow';

import { agentLocator } from '../descriptions/resourceLocators';
import { ANSWER_NODE } from './toolDefinition';

/**
 * The Diga Agent Tool Trigger's parameters: which agents get the tool, what the model reads about
 * it, the parameters the model fills, how the call behaves, and what the agent hears back. Names
 * are a contract with saved workflows.
 */
export const toolTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'While this workflow is active, the chosen agents can call it during a phone call and say what it answers. n8n must be reachable from the internet. A change to an agent\'s draft reaches live calls only once a version is published (see "Publish to Live Calls").',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Agents',
		name: 'agents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Agent',
		default: {},
		required: true,
		description: 'The agents whose draft gets this tool. Every other tool they have stays.',
		options: [
			{
				displayName: 'Agent',
				name: 'agent',
				values: [agentLocator({ name: 'agentId', label: 'Agent' }, 'An agent that may call this workflow')],
			},
		],
	},
	{
		displayName: 'Tool Name',
		name: 'toolName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. look_up_order',
		description: 'The name the agent knows the tool by: letters, digits and underscores, no spaces',
	},
	{
		displayName: 'What the Tool Does',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: "e.g. Looks up an order's status by its order number. Use it when the caller asks where their order is.",
		description: 'What the agent reads to decide when to use the tool and what it gets back',
	},
	{
		displayName: 'Parameters',
		name: 'toolParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description: 'What the agent asks the caller for and sends with each call; the workflow gets each one by its name',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. The order number the caller reads out',
						description: 'What the agent reads to know what to send',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. order_number',
						description: 'Letters, digits and underscores, no spaces',
					},
					{
						displayName: 'Required',
						name: 'required',
						type: 'boolean',
						default: true,
						description: 'Whether the agent must have this value before it calls the tool',
					},
					{
						displayName: 'Sent In',
						name: 'location',
						type: 'options',
						default: 'body',
						description: 'Where in the request the agent puts it;	the workflow gets it by name either way',
						options: [
							{
								name: 'Body',
								value: 'body',
							},
							{
								name: 'Query',
								value: 'query',
							},
							{
								name: 'Path',
								value: 'path',
							},
						]
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'string',
						options: [
							{
								name: 'Text',
								value: 'string',
							},
							{
								name: 'Whole Number',
								value: 'integer',
							},
							{
								name: 'Number',
								value: 'number',
							},
							{
								name: 'Yes or No',
								value: 'boolean',
							},
					]
					},
			],
			},
		],
	},
	{
		displayName: 'Respond With',
		name: 'respondWith',
		type: 'options',
		default: 'firstEntryJson',
		description: 'What the agent gets back. n8n\'s Respond to Webhook node does not work after this trigger (it needs n8n\'s own Webhook trigger); the Diga Agent Tool Answer node does.',
		options: [
			{ name: 'First Item of the Last Node', value: 'firstEntryJson', description: 'One object: the first item the last node outputs' },
			{ name: 'All Items of the Last Node', value: 'allEntries', description: 'A list with every item the last node outputs' },
			{
				name: 'Using the Diga Agent Tool Answer Node',
				value: ANSWER_NODE,
				description: 'The answer node answers the moment it runs, before n8n saves the execution: the fastest. The workflow must reach one.',
			},
		],
	},
	{
		displayName: 'Publish to Live Calls',
		name: 'publish',
		type: 'boolean',
		default: false,
		description:
			"Whether activating (and deactivating) the workflow also launches and publishes a new version of each agent, so live calls get the change at once. It publishes the agent's whole draft, including anyone else's unpublished changes. Off: the tool is in the draft until someone publishes.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ask for Approval',
				name: 'approvalRequired',
				type: 'boolean',
				default: false,
				description: 'Whether the agent asks the caller to confirm before it calls the tool',
			},
			{
				displayName: 'Sound While Waiting',
				name: 'executionAudio',
				type: 'options',
				default: 'none',
				description: 'What the caller hears while the workflow runs',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Typing', value: 'typing' },
					{ name: 'Waiting Music', value: 'waiting_music' },
				],
			},
			{
				displayName: 'Speak Before Calling',
				name: 'preSpeech',
				type: 'options',
				default: 'auto',
				description: 'Whether the agent says something (e.g. "One moment") before it calls the tool',
				options: [
					{ name: 'When the Agent Sees Fit', value: 'auto' },
					{ name: 'Always', value: 'force' },
				],
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 5,
				description: 'How long the agent waits for the workflow to answer; a phone caller hears silence meanwhile',
			},
		],
	},
];
