import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n's engine keeps instance settings in the user folder: keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-diga-test-'));
// Failed nodes are asserted on, not logged.
process.env.N8N_LOG_LEVEL ??= 'silent';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

/** Stands in for the Manual Trigger + Code node in front of Diga: emits the items it is given. */
class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const storeBinary = async (files: Record<string, IDataObject>) => {
			const binary: IBinaryKeyData = {};
			for (const [property, file] of Object.entries(files)) {
				binary[property] = await this.helpers.prepareBinaryData(Buffer.from(String(file.data), 'base64'), file.fileName as string | undefined, file.mimeType as string | undefined);
			}
			return binary;
		};
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		// `$binary: { <property>: { data (base64), mimeType, fileName } }` becomes the item's binary data, held in memory;
		// `$stored` (same shape) goes through n8n's `prepareBinaryData`, as a node reading a file does (on disk in filesystem mode).
		return [
			await Promise.all(
				items.map(async ({ $binary, $stored, ...json }) => {
					if ($stored) return { json, binary: await storeBinary($stored as Record<string, IDataObject>) };
					return $binary ? { json, binary: $binary as unknown as INodeExecutionData['binary'] } : { json };
				}),
			),
		];
	}
}

export interface Package {
	node: INodeType;
	credential: ICredentialType;
}

export interface RunOptions {
	pkg: Package;
	/** The Diga node's parameters, as saved in a workflow. */
	parameters: INodeParameters;
	/** Items arriving at the Diga node. */
	items?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	/** Node settings such as `continueOnFail: true` or `onError: 'continueRegularOutput'`. */
	nodeSettings?: Partial<INode>;
	/** Cancels the execution (as n8n's stop button does) once this resolves. */
	cancelWhen?: Promise<unknown>;
	/** The node in front of Diga instead of the one that emits `items` (e.g. one that makes files, for a benchmark). */
	source?: INodeType;
}

export interface RunResult {
	/** The Diga node's output items (main output 0). */
	items: INodeExecutionData[];
	/** The Diga node's error, when the node failed. */
	error?: ExecutionError;
	run: IRun;
	/** With `cancelWhen`: when the cancel was sent, and when the engine's run (the Diga node included) returned. */
	cancelledAt?: number;
	returnedAt?: number;
}

interface Engine {
	workflow: Workflow;
	workflowData: IWorkflowBase;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** What n8n's server hands the engine, with the package's credential served by the test helper. */
export function testAdditionalData(
	credential: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ [credential.name]: credential }, { [credential.name]: credentials }),
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A workflow Items → Diga, with the package's node and credential registered as n8n would. */
function buildEngine(options: RunOptions): Engine {
	const { pkg } = options;
	const credentialName = pkg.credential.name;
	const nodeType = pkg.node;
	const digaType = `n8n-nodes-diga.${nodeType.description.name}`;
	const types: Record<string, INodeType> = { 'test.items': options.source ?? new TestItems(), [digaType]: nodeType };
	const nodeTypes: INodeTypes = {
		getByName: (type: string) => types[type] as INodeType | IVersionedNodeType,
		getByNameAndVersion: (type: string) => types[type],
		getKnownTypes: () => ({}),
	};

	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'diga',
			name: 'Diga',
			type: digaType,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { [credentialName]: { id: '1', name: 'Diga account' } },
			...options.nodeSettings,
		},
	];
	const workflowData = {
		id: 'test',
		name: 'test',
		active: false,
		nodes,
		connections: { Items: { main: [[{ node: 'Diga', type: NodeConnectionTypes.Main, index: 0 }]] } },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({ ...workflowData, nodeTypes, active: false });

	const additionalData = testAdditionalData(pkg.credential, options.credentials);
	// What the editor sends a list search: the node's parameters as they stand.
	additionalData.currentNodeParameters = options.parameters;
	return { workflow, workflowData, additionalData };
}

/** How a manual execution ended: the run, and when a cancel was asked for and the engine returned. */
export interface ManualExecution {
	run: IRun;
	cancelledAt?: number;
	returnedAt: number;
}

/**
 * A manual execution from `start` through n8n-core's `WorkflowExecute`, as the editor starts one.
 * `cancelWhen` cancels it as n8n's stop button does.
 */
export async function executeManually(
	workflow: Workflow,
	workflowData: IWorkflowBase,
	additionalData: IWorkflowExecuteAdditionalData,
	start: INode,
	cancelWhen?: Promise<unknown>,
): Promise<ManualExecution> {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	additionalData.hooks = hooks;

	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	let cancelledAt: number | undefined;
	// A PCancelable: `cancel()` is what n8n calls for the stop button and workflow timeouts. It
	// aborts the execution's cancel signal and reports the run at once; the promise itself
	// settles only when the running node has returned.
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	void cancelWhen?.then(() => {
		cancelledAt = Date.now();
		execution.cancel();
	});
	await execution;
	const returnedAt = Date.now();
	return { run: await finished, cancelledAt, returnedAt };
}

/** Runs Items → Diga through n8n-core's `WorkflowExecute`, as n8n runs a manual execution. */
export async function runDiga(options: RunOptions): Promise<RunResult> {
	const { workflow, workflowData, additionalData } = buildEngine(options);
	let execution: ManualExecution;
	try {
		execution = await executeManually(workflow, workflowData, additionalData, workflow.getNode('Items')!, options.cancelWhen);
	} catch (error) {
		// The engine refuses to start a workflow whose parameters fail the node's own checks,
		// as n8n does when a saved workflow has issues.
		return { items: [], error: error as ExecutionError, run: undefined as unknown as IRun };
	}
	const { run, cancelledAt, returnedAt } = execution;
	const task = run.data.resultData.runData.Diga?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error, run, cancelledAt, returnedAt };
}

/** The context n8n's editor gives a list-search method of the Diga node. */
export function listSearchContext(options: Omit<RunOptions, 'items'>, parameterPath: string): ILoadOptionsFunctions {
	const { workflow, additionalData } = buildEngine(options);
	return new LoadOptionsContext(workflow, workflow.getNode('Diga')!, additionalData, parameterPath);
}

