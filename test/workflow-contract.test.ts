import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import packageJson from '../package.json';
import { DigaToolTrigger } from '../nodes/Diga/DigaToolTrigger.node';
import { DigaTrigger } from '../nodes/Diga/DigaTrigger.node';
import { pkg } from './helpers';

/**
 * Saved workflows refer to the node and its parameters by name. These names are a contract:
 * changing one breaks users' workflows and needs a new node version.
 */
const description = pkg.node.description;

function parameterNames(resource: string, operation: string): string[] {
	const visible = (property: INodeProperties) => {
		const show = property.displayOptions?.show ?? {};
		return (
			(!show.resource || show.resource.includes(resource)) &&
			(!show.operation || show.operation.includes(operation)) &&
			// Options inside a collection name the node's parameters with a leading slash.
			(!show['/resource'] || show['/resource'].includes(resource)) &&
			(!show['/operation'] || show['/operation'].includes(operation)) &&
			!show.returnAll &&
			!show.version
		);
	};
	const names = (properties: INodeProperties[]): string[] =>
		properties.filter(visible).flatMap((property) =>
			property.type === 'collection'
				? [property.name, ...names((property.options ?? []) as INodeProperties[]).map((n) => `${property.name}.${n}`)]
				: property.type === 'fixedCollection'
					? [property.name, ...(property.options ?? []).map((option) => `${property.name}.${option.name}`)]
					: [property.name],
		);
	return [...new Set(names(description.properties))];
}

const SIP_SECTIONS = [
	'inboundConfig',
	'inboundConfig.allowedAddresses',
	'inboundConfig.acceptAnyAddress',
	'inboundConfig.mediaEncryption',
	'outboundConfig',
	'outboundConfig.mediaEncryption',
	'outboundConfig.password',
	'outboundConfig.username',
	'outboundConfig.terminationUri',
];

describe('workflow-facing names', () => {
	test('node type, version and credential', () => {
		expect(`${packageJson.name}.${description.name}`).toBe('n8n-nodes-diga.diga');
		expect(description.version).toBe(1);
		expect(description.credentials).toEqual([{ name: 'digaApi', required: true }]);
		expect(pkg.credential.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl']);
		expect(description.usableAsTool).toBe(true);
	});

	test.each([
		['phone', 'update', ['resource', 'operation', 'phoneId', 'updateFields', 'updateFields.clearFields', 'updateFields.inboundVersionId', 'updateFields.nickname', 'updateFields.outboundVersionId', 'includePreviousValues']],
		['phone', 'release', ['resource', 'operation', 'phoneId']],
		['phone', 'import', ['resource', 'operation', 'phoneNumber', 'additionalFields', 'additionalFields.nickname', ...SIP_SECTIONS]],
		['phone', 'updateSipConfig', ['resource', 'operation', 'phoneId', ...SIP_SECTIONS]],
		['agent', 'publishVersion', ['resource', 'operation', 'agentId', 'versionId', 'phones', 'phones.inboundPhoneId', 'phones.outboundPhoneId']],
		['agentVersion', 'create', ['resource', 'operation', 'agentId', 'additionalFields', 'additionalFields.versionName']],
		['phone', 'get', ['resource', 'operation', 'phoneId']],
		['phone', 'getAll', ['resource', 'operation', 'returnAll', 'filters', 'filters.assignedAfter', 'filters.assignedBefore', 'filters.inboundAgentId', 'filters.outboundAgentId', 'filters.status']],
		['agent', 'get', ['resource', 'operation', 'agentId', 'version']],
		['agent', 'getAll', ['resource', 'operation', 'returnAll', 'filters', 'filters.isPublished', 'filters.mode']],
		['agentVersion', 'getAll', ['resource', 'operation', 'agentId', 'returnAll']],
		['call', 'make', ['resource', 'operation', 'from', 'to', 'dynamicVariables', 'dynamicVariables.variable', 'additionalFields', 'additionalFields.agentVersionId']],
		['call', 'get', ['resource', 'operation', 'callId']],
		['call', 'getAll', ['resource', 'operation', 'returnAll', 'filters', 'filters.agentId', 'filters.contactId', 'filters.createdAfter', 'filters.createdBefore', 'filters.direction', 'filters.phoneId', 'filters.status']],
		['agent', 'update', ['resource', 'operation', 'agentId', 'updateFields', ...[
			'backgroundAudio', 'callTools', 'clearFields', 'description', 'dynamicVariables', 'greeting',
			'knowledgeBaseIdList', 'knowledgeBaseIds', 'knowledgeBaseIds.entries', 'knowledgeItemIdList', 'knowledgeItemIds', 'knowledgeItemIds.entries', 'language', 'maxReminderCount', 'name',
			'phoneMenuAction', 'phoneMenuDetection', 'phoneMenuGoal', 'phoneMenuKeySequence', 'phoneMenuNavigationMode',
			'prompt', 'reminderFrequencyMs', 'reminderMessages',
			'timeBeforeStart', 'voiceId', 'volume', 'voicemailAction', 'voicemailDetection', 'voicemailMessage'].map((name) => `updateFields.${name}`), 'integrationTools', 'integrationTools.add', 'integrationTools.remove', 'includePreviousValues']],
		['agent', 'transferNumber', ['resource', 'operation', 'agentId', 'toolName', 'targetNumber', 'additionalFields', 'additionalFields.toolDescription', 'includePreviousValues']],
		['knowledgeBase', 'syncText', ['resource', 'operation', 'knowledgeBaseId', 'itemName', 'text', 'syncNotice']],
		['knowledgeBase', 'delete', ['resource', 'operation', 'knowledgeBaseId', 'force']],
		['knowledgeBase', 'update', ['resource', 'operation', 'knowledgeBaseId', 'updateFields', ...['clearFields', 'description', 'knowledgeItemIdList', 'knowledgeItemIds', 'knowledgeItemIds.entries', 'name'].map((name) => `updateFields.${name}`)]],
		['knowledgeBase', 'create', ['resource', 'operation', 'name', 'additionalFields', 'additionalFields.description', 'additionalFields.knowledgeItemIdList', 'additionalFields.knowledgeItemIds', 'additionalFields.knowledgeItemIds.entries']],
		['knowledgeBase', 'addItems', ['resource', 'operation', 'knowledgeBaseId', 'knowledgeItemIdList', 'knowledgeItemIds', 'knowledgeItemIds.entries']],
		['knowledgeBase', 'removeItems', ['resource', 'operation', 'knowledgeBaseId', 'knowledgeItemIdList', 'knowledgeItemIds', 'knowledgeItemIds.entries']],
		['knowledgeItem', 'addFile', ['resource', 'operation', 'binaryPropertyName', 'name']],
		['call', 'getRecording', ['resource', 'operation', 'callId', 'download', 'binaryPropertyName', 'recordingOptions', 'recordingOptions.maxSizeMb']],
		['call', 'delete', ['resource', 'operation', 'callId']],
		['call', 'getMessages', ['resource', 'operation', 'callId', 'returnAll', 'messageOptions', 'messageOptions.combine']],
		['agent', 'create', ['resource', 'operation', 'name', 'voiceId', 'language', 'prompt', 'greeting', 'additionalFields', 'additionalFields.description', 'additionalFields.draftOnly', 'additionalFields.versionName']],
		['agent', 'createFromTemplate', ['resource', 'operation', 'templateLanguage', 'templateId', 'agentName', 'variables', 'variables.variable']],
		['agent', 'duplicate', ['resource', 'operation', 'agentId', 'projectId', 'name', 'additionalFields', 'additionalFields.sourceVersionId']],
		['agent', 'delete', ['resource', 'operation', 'agentId', 'deleteEvenIfOnPhones']],
		['agent', 'unpublish', ['resource', 'operation', 'agentId']],
		['agentVersion', 'delete', ['resource', 'operation', 'agentId', 'versionId']],
		['voice', 'get', ['resource', 'operation', 'voiceId']],
		['voice', 'getAll', ['resource', 'operation', 'returnAll', 'filters', 'filters.favouritesOnly', 'filters.gender', 'filters.search']],
		['call', 'getLogs', ['resource', 'operation', 'callId', 'returnAll', 'filters', 'filters.category', 'filters.level']],
		['call', 'getTrace', ['resource', 'operation', 'callId']],
		['account', 'getLiveCallCount', ['resource', 'operation', 'includePlanLimit', 'liveCallCountNotice']],
		['integration', 'create', ['resource', 'operation', 'name', 'integrationType', 'baseUrl', 'additionalFields', 'additionalFields.authKey', 'additionalFields.description', 'additionalFields.headers', 'additionalFields.headers.header']],
		['integration', 'get', ['resource', 'operation', 'integrationId']],
		['integration', 'getAll', ['resource', 'operation', 'returnAll', 'filters', 'filters.name', 'filters.integrationType']],
		['integration', 'update', ['resource', 'operation', 'integrationId', 'updateFields', 'updateFields.authKey', 'updateFields.description', 'updateFields.headers', 'updateFields.headers.header', 'updateFields.baseUrl', 'updateFields.name']],
		['integration', 'delete', ['resource', 'operation', 'integrationId']],
		['integrationTool', 'create', ['resource', 'operation', 'integrationId', 'name', 'description', 'method', 'endpointPath', 'parameters', 'parameters.parameter', 'additionalFields', ...['approvalRequired', 'headers', 'headers.header', 'executionAudio', 'preSpeech', 'timeout'].map((name) => `additionalFields.${name}`)]],
		['integrationTool', 'get', ['resource', 'operation', 'integrationId', 'toolId']],
		['integrationTool', 'getAll', ['resource', 'operation', 'integrationId', 'returnAll']],
		['integrationTool', 'update', ['resource', 'operation', 'integrationId', 'toolId', 'updateFields', ...['approvalRequired', 'headers', 'headers.header', 'executionAudio', 'preSpeech', 'timeout', 'endpointPath', 'method', 'parameters', 'parameters.parameter', 'description', 'name'].map((name) => `updateFields.${name}`)]],
		['integrationTool', 'delete', ['resource', 'operation', 'integrationId', 'toolId']],
		['integrationTool', 'setApproval', ['resource', 'operation', 'integrationId', 'toolId', 'approvalRequired']],
	])('%s → %s', (resource, operation, expected) => {
		const repeatGuard = resource === 'call' && operation === 'make' ? ['options.skipRepeatCallsWithin'] : [];
		const options = ['options', 'options.maxConcurrency', 'options.maxRetries', 'options.maxRetryWait', ...repeatGuard, 'options.timeout'];
		expect(parameterNames(resource, operation)).toEqual([...expected, ...options]);
	});

	test('phone locator modes', () => {
		const phoneId = description.properties.find((p) => p.name === 'phoneId');
		expect(phoneId?.modes?.map((m) => m.name)).toEqual(['list', 'id', 'number']);
	});

	test('every locator naming a phone offers From List, By ID and By Number; agents and versions From List and By ID', () => {
		const locators = (properties: INodeProperties[]): INodeProperties[] =>
			properties.flatMap((p) => (p.type === 'resourceLocator' ? [p] : p.type === 'collection' ? locators((p.options ?? []) as INodeProperties[]) : []));
		// Every distinct (name, modes) pair: a same-named locator with other modes would show up twice.
		const modes = [...new Set(locators(description.properties).map((p) => `${p.name}: ${p.modes?.map((m) => m.name).join(' ')}`))];
		expect(modes.sort()).toEqual([
			'agentId: list id',
			'agentVersionId: list id',
			'from: list id number',
			'inboundAgentId: list id',
			'inboundPhoneId: list id number',
			'inboundVersionId: list id',
			'integrationId: list id',
			'knowledgeBaseId: list id',
			'knowledgeItemId: list id',
			'outboundAgentId: list id',
			'outboundPhoneId: list id number',
			'outboundVersionId: list id',
			'phoneId: list id number',
			'projectId: list id',
			'sourceVersionId: list id',
			'templateId: list id',
			'toolId: list id',
			'versionId: list id',
			'voiceId: list id',
		]);
	});
});

describe('Diga Trigger: workflow-facing names', () => {
	const trigger = new DigaTrigger().description;

	test('node type, polling, credential, no AI-tool flag', () => {
		expect(`${packageJson.name}.${trigger.name}`).toBe('n8n-nodes-diga.digaTrigger');
		expect(packageJson.n8n.nodes).toContain('dist/nodes/Diga/DigaTrigger.node.js');
		expect(trigger).toMatchObject({ version: 1, polling: true, inputs: [] });
		expect(trigger.usableAsTool).toBeUndefined();
		expect(trigger.credentials).toEqual([{ name: 'digaApi', required: true }]);
	});

	test('parameters and event values', () => {
		const collection = trigger.properties.find((p) => p.name === 'filters');
		expect(trigger.properties.map((p) => p.name)).toEqual(['event', 'filters']);
		expect(trigger.properties[0].options?.map((o) => (o as { value: string }).value)).toEqual(['callFinished', 'newCall']);
		expect((collection?.options as INodeProperties[]).map((p) => p.name)).toEqual(['agentId', 'direction', 'phoneId']);
	});
});

describe('example workflows use only what the node offers', () => {
	const dir = join(__dirname, '..', 'examples');
	const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

	test('there are examples', () => expect(files.length).toBeGreaterThanOrEqual(3));

	test.each(files)('%s', (file) => {
		const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
			nodes: Array<{ type: string; parameters: Record<string, unknown>; credentials?: object }>;
		};
		const digaNodes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-diga.diga');
		expect(workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-diga.')).length).toBeGreaterThan(0);
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-diga.digaToolTrigger')) {
			const names = new DigaToolTrigger().description.properties.map((p) => p.name);
			for (const key of Object.keys(node.parameters)) expect(names).toContain(key);
		}
		for (const node of digaNodes) {
			const { resource, operation } = node.parameters as { resource: string; operation: string };
			const known = parameterNames(resource, operation).concat(['limit', 'versionId']);
			expect(parameterNames(resource, operation)).toContain('operation');
			for (const [key, value] of Object.entries(node.parameters)) {
				expect(known).toContain(key);
				if (value && typeof value === 'object' && !('__rl' in value)) {
					for (const inner of Object.keys(value)) expect(known).toContain(`${key}.${inner}`);
				}
			}
			expect(Object.keys(node.credentials ?? {})).toEqual(['digaApi']);
		}
	});
});
