import type { IDataObject } from 'n8n-workflow';

import { RunStoppedError } from '../transport/cancel';
import { ID_FIELDS } from '../transport/paginate';
import type { ItemOutcome, OperationResult } from './types';
import { ItemWithBinary, PartlyDone } from './types';

/** The ids an output names: a record's own, or the call an item of Call → Delete was about. */
const OUTPUT_IDS = [...ID_FIELDS, 'call_id'];

/** "3", or "3–7" for a run of consecutive item indexes. */
function ranges(indexes: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		parts.push(i === j ? String(indexes[i]) : `${indexes[i]}–${indexes[j]}`);
		i = j;
	}
	return parts.join(', ');
}

/** The id Diga gave the record an item produced (a call, a phone, a version, an agent). */
function recordIds(value: OperationResult): string {
	if (value instanceof PartlyDone) return value.done ? 'done in part' : 'nothing done';
	const records: IDataObject[] = value instanceof ItemWithBinary ? [value.json] : Array.isArray(value) ? value : [value];
	return records
		.map((record) => {
			const field = OUTPUT_IDS.find((name) => typeof record[name] === 'string');
			const id = field ? `${field} ${String(record[field])}` : 'done';
			return record.skippedAsRepeat === true ? `${id}, an earlier call` : id;
		})
		.join('; ');
}

/** Whether the item's failure is only the consequence of another item's (it sent nothing). */
export const isStopped = (result: ItemOutcome | undefined): boolean => !result || (!result.ok && result.error instanceof RunStoppedError);

/**
 * What the items of a stopped run did in Diga, for the error of the item that stopped it: which
 * were carried out (their ids: do not repeat them), which else failed, and which sent nothing.
 */
export function runReport(results: Array<ItemOutcome | undefined>, count: number, failed: number): string {
	const done: string[] = [];
	const alsoFailed: string[] = [];
	const notSent: number[] = [];
	for (let index = 0; index < count; index++) {
		const result = results[index];
		if (index === failed) continue;
		if (isStopped(result)) notSent.push(index);
		else if (result?.ok) done.push(`item ${index} (${recordIds(result.value)})`);
		else alsoFailed.push(`item ${index} (${result?.error instanceof Error ? result.error.message : String(result?.error)})`);
	}
	return [
		done.length ? `Already carried out in Diga, do not repeat them: ${done.join(', ')}.` : 'No other item was carried out in Diga.',
		alsoFailed.length ? `Also failed: ${alsoFailed.join(', ')}.` : '',
		notSent.length ? `Not sent: item${notSent.length > 1 ? 's' : ''} ${ranges(notSent)}.` : '',
	].filter(Boolean).join(' ');
}
