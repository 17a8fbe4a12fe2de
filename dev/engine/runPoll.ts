import { PollContext, TriggersAndPollers } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowBase,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { executeManually, testAdditionalData } from './runWorkflow';

export interface PollOptions {
	trigger: INodeType;
	credential: ICredentialType;
	/** The trigger's parameters, as saved in a workflow. */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The workflow's static data as n8n stored it, e.g. from before a restart. */
	staticData?: IDataObject;
	/**
	 * How n8n started polling: `activate` (the user switched the workflow on), `init` (n8n started
	 * with it active, e.g. after a restart), `update` (saved while active). Default `activate`.
	 */
	activation?: WorkflowActivateMode;
	/** The n8n credential's id (default '1'): another id is another credential, as after a switch. */
	credentialId?: string;
}

/**
 * An active workflow with one polling trigger, polled as n8n-core polls it: a `PollContext`
 * in `trigger` mode run through `TriggersAndPollers.runPollFunction`, the workflow's static data
 * kept in the `Workflow` between polls. `staticData` is what n8n would save; a new harness given
 * it is n8n after a restart.
 */
export class PollHarness {
	private readonly workflow: Workflow;
	private readonly node: INode;
	private readonly workflowData: IWorkflowBase;
	/** What n8n has stored of the static data: saved, as n8n does, when a poll fires and the data changed. */
	savedStaticData: IDataObject;

	constructor(private readonly options: PollOptions) {
		const type = `n8n-nodes-diga.${options.trigger.description.name}`;
		const nodeTypes: INodeTypes = {
			getByName: () => options.trigger,
			getByNameAndVersion: () => options.trigger,
			getKnownTypes: () => ({}),
		};
		this.node = {
			id: 'trigger',
			name: 'Diga Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [options.credential.name]: { id: options.credentialId ?? '1', name: 'Diga account' } },
		};
		this.workflowData = {
			id: 'poll-test',
			name: 'poll test',
			active: true,
			nodes: [this.node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
		this.workflow = new Workflow({
			...this.workflowData,
			nodeTypes,
			active: true,
			staticData: options.staticData ? structuredClone(options.staticData) : undefined,
		});
		this.savedStaticData = options.staticData ? structuredClone(options.staticData) : {};
	}

	private additionalData() {
		return testAdditionalData(this.options.credential, this.options.credentials);
	}

	/** One scheduled poll: the items n8n would start an execution with, or `null` for none. */
	async poll(): Promise<INodeExecutionData[] | null> {
		const context = new PollContext(this.workflow, this.node, this.additionalData(), 'trigger', this.options.activation ?? 'activate');
		const result = await new TriggersAndPollers().runPollFunction(this.workflow, this.node, context);
		const staticData = this.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (result && staticData.__dataChanged === true) {
			this.savedStaticData = this.staticData;
			staticData.__dataChanged = false;
		}
		return result ? result[0] : null;
	}

	/** The editor's Fetch Test Event: a manual execution that starts at the trigger. */
	async fetchTestEvent(): Promise<{ items: INodeExecutionData[]; error?: Error }> {
		const { run } = await executeManually(this.workflow, this.workflowData, this.additionalData(), this.node);
		const task = run.data.resultData.runData[this.node.name]?.[0];
		return { items: task?.data?.main?.[0] ?? [], error: task?.error };
	}

	/** The static data in memory now (a copy). */
	get staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}
}
