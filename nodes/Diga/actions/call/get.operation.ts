import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { unexpectedBodyError } from '../../transport/errors';
import { isCall } from '../../transport/types';
import type { RunContext } from '../types';
import { callIdProperty, readCallId } from './callId';

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, [callIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const callId = readCallId(this, itemIndex);
	const call = await run.client.request<unknown>(
		{ method: 'GET', path: `/v1/call/${callId}` },
		{ itemIndex, notFound: { default: `Diga could not find call ${callId} in this account` } },
	);
	if (!isCall(call)) throw unexpectedBodyError(this.getNode(), 'a call', call, itemIndex);
	return call;
}
