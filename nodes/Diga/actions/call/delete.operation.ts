import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DigaBulkDelete, DigaCall } from '../../transport/types';
import { A_CALL, isRecord } from '../../transport/types';
import type { ItemOutcome, OperationOption, RunContext } from '../types';
import { CALL_ID, callIdProperty, readCallId } from './callId';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete finished calls and their transcripts for good. Not reversible.',
	action: 'Delete calls and their transcripts for good (irreversible)',
} as const satisfies OperationOption;

/** `BulkDeleteCallRequest.call_ids` takes at most 500 ids. */
export const MAX_IDS_PER_REQUEST = 500;

const properties: INodeProperties[] = [
	{
		...callIdProperty,
		description:
			'The ID of the call to delete for good, with its transcript: this cannot be undone. Calls still in progress are left alone. Each input item names one call; the calls of all items are sent together, 500 per request.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['delete'] } }, properties);

const A_BULK_DELETE = {
	what: 'a count of deleted calls',
	is: (body: unknown) => isRecord(body) && Number.isInteger(body.deleted),
};

const STILL_ACTIVE = 'Diga deletes only calls that have ended and leaves this one alone. Delete it again once it has ended.';

/** What became of one call of a request: `deleted` says whether this request deleted it (`null`: Diga's answer cannot tell). */
type CallResult = IDataObject & { call_id: string; deleted: boolean | null };

/**
 * Diga answers only how many calls of the request it deleted. When that is all of them, each is
 * deleted; otherwise each call is looked up: one still there was left alone (its status says why),
 * one that is gone was deleted when the count proves it (see `goneCall`).
 */
async function resultsOf(context: IExecuteFunctions, run: RunContext, ids: string[], deleted: number, itemOf: Map<string, number>): Promise<Map<string, CallResult>> {
	const request = { calls: ids.length, deleted };
	if (deleted === ids.length) return new Map(ids.map((id) => [id, { call_id: id, deleted: true, request }]));
	const found = await Promise.all(
		ids.map(async (id) => {
			try {
				return await run.client.request<DigaCall>({ method: 'GET', path: `/v1/call/${id}`, expect: A_CALL }, { itemIndex: itemOf.get(id) });
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
				throw new NodeOperationError(context.getNode(), `Diga deleted ${deleted} of ${ids.length} calls; whether call ${id} is one of them could not be checked`, {
					itemIndex: itemOf.get(id),
					description: `${(error as Error).message}. Check with Call → Get.`,
				});
			}
		}),
	);
	const gone = found.filter((call) => call === undefined).length;
	const results = new Map<string, CallResult>();
	ids.forEach((id, i) => {
		const call = found[i];
		if (call) {
			const note = call.status === 'completed' ? 'Diga did not delete this call and did not say why.' : STILL_ACTIVE;
			results.set(id, { call_id: id, deleted: false, call_status: call.status, note, request });
		} else results.set(id, { call_id: id, ...goneCall(gone, deleted), request });
	});
	return results;
}

/**
 * A call not found after the request. Diga's count proves it was deleted now only when every call
 * not found was counted. Otherwise Diga does not say which ones it deleted (with none counted, the
 * call was already gone, perhaps by a first attempt whose answer was lost, or never a call of
 * this account): `deleted` is then `null` with a note, not a guess.
 */
function goneCall(gone: number, deleted: number): { deleted: boolean | null; note?: string } {
	if (deleted >= gone) return { deleted: true };
	if (deleted === 0) {
		return {
			deleted: null,
			note: 'No call with this ID in this account after the request, and Diga counted none deleted: it was already deleted (perhaps by a first attempt of this request whose answer was lost), or was never a call of this account.',
		};
	}
	return {
		deleted: null,
		note: `Not in this account after the request, but Diga does not say which calls it deleted: ${deleted} of the ${gone} calls not found were deleted now, the others were already gone or never calls of this account.`,
	};
}

function checkCallId(context: IExecuteFunctions, itemIndex: number): { ok: true; value: string } | { ok: false; error: unknown } {
	try {
		return { ok: true, value: readCallId(context, itemIndex) };
	} catch (error) {
		return { ok: false, error };
	}
}

/** Every item's call id is checked before the first request; then the ids go to Diga 500 at a time. */
export async function executeAll(this: IExecuteFunctions, run: RunContext): Promise<Array<ItemOutcome | undefined>> {
	const count = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const outcomes: Array<ItemOutcome | undefined> = new Array(count);
	const idOf = new Map<number, string>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const checked = checkCallId(this, itemIndex);
		if (checked.ok) idOf.set(itemIndex, checked.value);
		else if (!continueOnFail) throw checked.error; // nothing was sent
		else outcomes[itemIndex] = checked;
	}

	const ids = [...new Set(idOf.values())];
	const itemOf = new Map<string, number>();
	for (const [itemIndex, id] of idOf) if (!itemOf.has(id)) itemOf.set(id, itemIndex);
	let sent = 0;
	for (let start = 0; start < ids.length; start += MAX_IDS_PER_REQUEST) {
		const batch = ids.slice(start, start + MAX_IDS_PER_REQUEST);
		const inBatch = new Set(batch);
		const first = itemOf.get(batch[0]);
		let results: Map<string, CallResult> | undefined;
		let failure: unknown;
		try {
			const answer = await run.client.request<DigaBulkDelete>(
				// A POST, but deleting the same ids again changes nothing more (a lost answer's retry finds them gone).
				{ method: 'POST', path: '/v1/call/bulk-delete', body: { call_ids: batch }, expect: A_BULK_DELETE, effect: 'idempotent' },
				{ itemIndex: first, fields: [{ ...CALL_ID, api: 'call_ids' }] },
			);
			results = await resultsOf(this, run, batch, answer.deleted, itemOf);
		} catch (error) {
			failure = error;
		}
		if (!results && !continueOnFail) {
			if (sent > 0 && failure instanceof Error && 'description' in failure) {
				const said = typeof failure.description === 'string' ? `${failure.description} ` : '';
				failure.description = `${said}The ${sent} calls of earlier requests were sent for deletion before this one failed.`;
			}
			throw failure;
		}
		sent += batch.length;
		for (const [itemIndex, id] of idOf) {
			if (!inBatch.has(id)) continue;
			outcomes[itemIndex] = results ? { ok: true, value: results.get(id)! } : { ok: false, error: failure };
		}
	}
	return outcomes;
}
