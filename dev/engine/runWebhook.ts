import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, PollContext, TriggersAndPollers, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHookFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { testAdditionalData } from './runWorkflow';

export interface WebhookOptions {
	trigger: INodeType;
	credential: ICredentialType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	staticData?: IDataObject;
	/** The trigger node's name (its static data is kept under it); by default the Instant Trigger's. */
	nodeName?: string;
	/**
	 * What n8n answers once the rest of the workflow has run on the items the trigger started it with
	 * (a `lastNode` trigger); by default nothing is run and nothing answered (an `onReceived` trigger answers itself).
	 */
	respond?: (items: INodeExecutionData[]) => { status: number; body: unknown };
	/** The n8n credential's id (default '1'): another id is another credential, as after a switch. */
	credentialId?: string;
	/** The node's webhook id, which makes its URL (a copy of the workflow gets another). */
	webhookId?: string;
	/** Nodes after the trigger, one after the other (their types only shape the workflow: they never run). */
	followedBy?: Array<{ name: string; type: string; disabled?: boolean }>;
}

/** An execution a delivery started: its items and when the delivery arrived. */
export interface Execution {
	items: INodeExecutionData[];
	receivedAt: number;
	/** When n8n would start the execution: `webhook()` has returned its items. */
	startedAt: number;
}

type Mode = 'production' | 'test';
let workflows = 0;

/**
 * A workflow with one webhook trigger, run as n8n 1.123 / 2.40 run it (packages/cli/src/webhooks/
 * live-webhooks.ts, test-webhooks.ts, active-workflow-manager.ts): the lifecycle methods in a
 * `HookContext`; each delivery in a `WebhookContext` of a workflow built afresh from the SAVED static
 * data, which is saved back (whole) after `webhook()` returns when it changed. So two deliveries
 * handled at once each start from what was saved before either: the race n8n has.
 * Deliveries arrive over HTTP at `url` (production) or `testUrl` (while listening for a test event).
 */
export class WebhookHarness {
	savedStaticData: IDataObject;
	readonly executions: Execution[] = [];
	/** Set while the editor listens for a test event: its own static data, as n8n keeps it. */
	private testStaticData?: IDataObject;
	private readonly node: INode;
	private readonly nodeTypes: INodeTypes;
	private server?: Server;
	private base = '';
	private readonly pending = new Set<Promise<void>>();
	/** n8n's workflow id: each harness is a workflow of its own, a restarted one the same (`workflowId`). */
	readonly workflowId: string;
	/**
	 * The active workflow as n8n keeps it in memory from activation on: the `Workflow` its lifecycle
	 * methods and its poller share (1.x ActiveWorkflowManager.add, 2.x WorkflowTriggerActivator), whose
	 * static data is saved after activation and when a poll fires, never reloaded from the saved one.
	 */
	private active?: { workflow: Workflow; activation: WorkflowActivateMode };
	/** Requests a poller would make n8n report: errors thrown by `poll()` (an error execution in n8n). */
	readonly pollErrors: Error[] = [];

	constructor(private readonly options: WebhookOptions & { workflowId?: string }) {
		this.workflowId = options.workflowId ?? `webhook-test-${++workflows}`;
		this.nodeTypes = { getByName: () => options.trigger, getByNameAndVersion: () => options.trigger, getKnownTypes: () => ({}) };
		this.node = {
			id: 'trigger',
			name: options.nodeName ?? 'Diga Instant Trigger',
			type: `n8n-nodes-diga.${options.trigger.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: options.webhookId ?? '7d0b3b6e-5b1f-4c1e-9a44-2f1b9d1f0c11',
			parameters: options.parameters,
			credentials: { [options.credential.name]: { id: options.credentialId ?? '1', name: 'Diga account' } },
		};
		this.savedStaticData = options.staticData ? structuredClone(options.staticData) : {};
	}

	/** The node's webhook path as n8n computes it from its description (an expression may build it), e.g. `<webhookId>/tool/:id`. */
	get path(): string {
		const description = this.options.trigger.description.webhooks![0];
		const path = String(this.workflow({}).expression.getSimpleParameterValue(this.node, description.path, 'internal', {}));
		return NodeHelpers.getNodeWebhookPath(this.workflowId, this.node, path.replace(/^\//, ''), false);
	}
	get url(): string {
		return `${this.base}/webhook/${this.path}`;
	}
	get testUrl(): string {
		return `${this.base}/webhook-test/${this.path}`;
	}

	/** The port deliveries arrive at; a restarted n8n listens on the same one (`start(port)`). */
	get port(): number {
		return (this.server!.address() as AddressInfo).port;
	}

	/** The node's static data (`getWorkflowStaticData('node')`) as saved. */
	get nodeStaticData(): IDataObject {
		return (this.savedStaticData[`node:${this.node.name}`] ?? {}) as IDataObject;
	}

	async start(port = 0): Promise<void> {
		this.server = createServer((req, res) => {
			const handling = this.handle(req, res).finally(() => this.pending.delete(handling));
			this.pending.add(handling);
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await this.settled();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	async settled(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	private workflow(staticData: IDataObject): Workflow {
		const next = (this.options.followedBy ?? []).map((node, i) => ({ id: `next-${i}`, ...node, typeVersion: 1, position: [260 * (i + 1), 0] as [number, number], parameters: {} }));
		const chain = [this.node, ...next];
		const connections = Object.fromEntries(chain.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: chain[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] }]));
		return new Workflow({ id: this.workflowId, name: 'webhook test', nodes: chain, connections, active: true, nodeTypes: this.nodeTypes, staticData: structuredClone(staticData) });
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		return {
			...testAdditionalData(this.options.credential, this.options.credentials),
			webhookBaseUrl: `${this.base}/webhook`,
			webhookTestBaseUrl: `${this.base}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData, isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: this.path,
			webhookDescription: this.options.trigger.description.webhooks![0],
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		} as IWebhookData;
	}

	/** Runs a lifecycle method on `workflow`. */
	private async runHook(workflow: Workflow, method: 'checkExists' | 'create' | 'delete', mode: Mode, activation: WorkflowActivateMode): Promise<boolean> {
		const additionalData = this.additionalData();
		const context = new HookContext(workflow, this.node, additionalData, mode === 'test' ? 'manual' : 'trigger', activation, this.webhookData(additionalData, mode === 'test'));
		return await this.options.trigger.webhookMethods!.default![method].call(context as IHookFunctions);
	}

	/** Runs a lifecycle method on a workflow of its own; returns its result and the static data after it. */
	private async hook(method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, mode: Mode, activation: WorkflowActivateMode) {
		const workflow = this.workflow(staticData);
		const result = await this.runHook(workflow, method, mode, activation);
		return { result, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
	}

	/**
	 * n8n's activation (`activate`, or `init` at a restart): one `Workflow` from the saved static
	 * data; checkExists, then create if it said no; then, for a node with `poll`, the poller's first
	 * poll at once (n8n-core ActiveWorkflows.activatePolling; its error fails the activation); the
	 * static data is saved. `poll: false`: an n8n that never runs the poller (as before this node had one).
	 */
	async activate(activation: WorkflowActivateMode = 'activate', { poll = true } = {}): Promise<void> {
		const workflow = this.workflow(this.savedStaticData);
		const exists = await this.runHook(workflow, 'checkExists', 'production', activation);
		if (!exists) await this.runHook(workflow, 'create', 'production', activation);
		this.active = { workflow, activation };
		this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		if (poll && this.options.trigger.poll) await this.tick({ throwErrors: true });
		this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		if (!poll) this.active = undefined;
	}

	/**
	 * One scheduled poll of the active workflow (n8n runs it every minute): on the activation's
	 * `Workflow`; an execution when it returns items, and then its static data is saved (whole).
	 */
	async tick({ throwErrors = false } = {}): Promise<INodeExecutionData[] | null> {
		if (!this.active) throw new Error('not active');
		const { workflow, activation } = this.active;
		const receivedAt = Date.now();
		const context = new PollContext(workflow, this.node, this.additionalData(), 'trigger', activation);
		let result: INodeExecutionData[][] | null | undefined;
		try {
			result = await new TriggersAndPollers().runPollFunction(workflow, this.node, context);
		} catch (error) {
			if (throwErrors) throw error;
			this.pollErrors.push(error as Error);
			return null;
		}
		if (!result) return null;
		this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		this.executions.push({ items: result[0], receivedAt, startedAt: Date.now() });
		return result[0];
	}

	/** The static data of the active workflow in memory (the poller's), a copy. */
	get activeStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.active?.workflow.staticData ?? {})) as IDataObject;
	}

	async deactivate(): Promise<void> {
		const workflow = this.active?.workflow ?? this.workflow(this.savedStaticData);
		this.active = undefined;
		try {
			await this.runHook(workflow, 'delete', 'production', 'update');
		} finally {
			this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}

	/** "Listen for test event": registers with a static data of its own (n8n starts it empty). */
	async listenForTestEvent(): Promise<void> {
		const exists = await this.hook('checkExists', {}, 'test', 'manual');
		this.testStaticData = exists.result ? exists.staticData : (await this.hook('create', exists.staticData, 'test', 'manual')).staticData;
	}

	/** The test listening ends (an event came, the user cancelled, or n8n's 2-minute timeout). */
	async stopListening(): Promise<void> {
		if (!this.testStaticData) return;
		await this.hook('delete', this.testStaticData, 'test', 'update');
		this.testStaticData = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const receivedAt = Date.now();
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		let body: unknown = {};
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
		} catch {
			body = {};
		}
		const isTest = (req.url ?? '').startsWith('/webhook-test/');
		if (isTest && !this.testStaticData) return void res.writeHead(404).end();
		// As n8n's router: the query, and the values of the path's `:name` segments.
		const url = new URL(req.url ?? '/', 'http://n8n');
		const query = Object.fromEntries(url.searchParams);
		const segments = url.pathname.split('/').slice(2);
		const pattern = this.path.split('/');
		if (segments.length !== pattern.length || pattern.some((part, i) => !part.startsWith(':') && part !== segments[i])) return void res.writeHead(404).end();
		const params = Object.fromEntries(pattern.flatMap((part, i) => (part.startsWith(':') ? [[part.slice(1), decodeURIComponent(segments[i])]] : [])));
		// As n8n's express response: status(...).json(...)
		const response = Object.assign(res, {
			status: (code: number) => ({ json: (data: unknown) => void res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(data)) }),
		});
		const workflow = this.workflow(isTest ? this.testStaticData! : this.savedStaticData);
		const additionalData = this.additionalData({ httpRequest: Object.assign(req, { body, query, params }), httpResponse: response });
		const context = new WebhookContext(workflow, this.node, additionalData, isTest ? 'manual' : 'webhook', this.webhookData(additionalData, isTest), [], null);
		try {
			const result = await this.options.trigger.webhook!.call(context);
			const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
			if (!isTest && staticData.__dataChanged === true) this.savedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			if (result.workflowData) this.executions.push({ items: result.workflowData[0], receivedAt, startedAt: Date.now() });
			if (result.workflowData && this.options.respond && !res.headersSent) {
				const { status, body: answer } = this.options.respond(result.workflowData[0]);
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
			}
		} finally {
			if (!res.headersSent) res.writeHead(500).end();
		}
	}
}
