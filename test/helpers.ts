import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { DigaApi } from '../credentials/DigaApi.credentials';
import { Diga } from '../nodes/Diga/Diga.node';
import type { RunResult } from '../dev/engine/runWorkflow';
import { listSearchContext, runDiga } from '../dev/engine/runWorkflow';
import { DigaTestServer, TEST_API_KEY } from '../dev/diga-server/digaServer';
import { violationReport } from '../dev/diga-server/specCheck';
import { saveSpecCounts } from './spec/specSummary';

export { IDS } from '../dev/diga-server/fixtures';
export { NO_CALLS_VIEW_API_KEY, READ_ONLY_API_KEY, TEST_API_KEY } from '../dev/diga-server/digaServer';

export const pkg = { node: new Diga(), credential: new DigaApi() };

/**
 * One Diga-compatible server per test file, reset before each test. A test fails when a request it
 * caused, or an answer it got, breaks Diga's OpenAPI spec (see dev/diga-server/specValidator.ts).
 */
export function useDigaServer(): DigaTestServer {
	const server = new DigaTestServer();
	beforeAll(async () => {
		await server.start();
	});
	beforeEach(() => server.reset());
	afterEach(() => {
		const report = violationReport(server.spec.takeViolations());
		if (report) throw new Error(report);
	});
	afterAll(async () => {
		await server.stop();
		saveSpecCounts(server.spec.counts);
	});
	return server;
}

export const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

export interface Run {
	parameters: INodeParameters;
	items?: IDataObject[];
	apiKey?: string;
	baseUrl?: string;
	nodeSettings?: Partial<INode>;
	cancelWhen?: Promise<unknown>;
}

export async function run(server: DigaTestServer, options: Run): Promise<RunResult> {
	return await runDiga({
		pkg,
		parameters: options.parameters,
		items: options.items,
		credentials: { apiKey: options.apiKey ?? TEST_API_KEY, baseUrl: options.baseUrl ?? server.baseUrl },
		nodeSettings: options.nodeSettings,
		cancelWhen: options.cancelWhen,
	});
}

/** A picker's context, for a node whose parameters are `parameters` (Phone → Update unless given). */
export function searchContext(
	server: DigaTestServer,
	parameterPath: string,
	apiKey = TEST_API_KEY,
	parameters: INodeParameters = { resource: 'phone', operation: 'update' },
) {
	return listSearchContext({ pkg, parameters, credentials: { apiKey, baseUrl: server.baseUrl } }, parameterPath);
}

/** Phone → Update parameters. */
export function updatePhone(phoneId: unknown, updateFields: IDataObject, options?: IDataObject): INodeParameters {
	return {
		resource: 'phone',
		operation: 'update',
		phoneId,
		updateFields,
		...(options ? { options } : {}),
	} as INodeParameters;
}

/** Everything a run left visible to a user or a log: output, error, and the full run data. */
export function visibleText(result: RunResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return JSON.stringify({
		items: result.items,
		error: error && { message: error.message, description: error.description, stack: error.stack },
		run: result.run.data,
	});
}

/**
 * What the node itself produced: output items and the error's message, description, response,
 * messages, context and stack. Not the node's parameters, which n8n keeps with the workflow as it
 * keeps every parameter (a password field included).
 */
export function producedText(result: RunResult): string {
	const error = result.error as (Error & { description?: string; errorResponse?: unknown; messages?: unknown; context?: unknown }) | undefined;
	return JSON.stringify({ items: result.items, error: error && [error.message, error.description, error.errorResponse, error.messages, error.context, error.stack] });
}
