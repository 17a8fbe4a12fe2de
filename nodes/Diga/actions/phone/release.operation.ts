import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneLocator } from '../../descriptions/resourceLocators';
import { PHONE_FIELD } from '../../vocabulary/fields';
import { resolvePhoneId } from '../../helpers/phoneDirectory';
import { RunStoppedError } from '../../transport/cancel';
import type { AnswerAfterLostAnswer } from '../../transport/client';
import { outcomeUnknownError } from '../../transport/lostAnswer';
import type { DigaPhone } from '../../transport/types';
import { readPhone } from './get.operation';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Release',
	value: 'release',
	description: 'Give a phone number up for good. Not reversible.',
	action: 'Release a phone number for good (irreversible)',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	{
		...phoneLocator,
		hint: 'Not reversible: the number stops being yours. Purchased numbers go at the end of the billing cycle, imported ones at once. Reserved and pending-verification numbers cannot be released.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['release'] } }, properties);

/** The phone to release (a number is looked up), before any phone of the run is released. */
export async function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<string> {
	return await resolvePhoneId(this, run.phones, itemIndex);
}

/** The statuses a released phone has (`PhoneRegisterStatus`): released, then finished. */
const RELEASED_STATUSES = new Set(['released', 'finished']);

/** What a look-up of the phone shows about its release, in words, or `undefined` if it shows one. */
function notReleased(phone: DigaPhone): string | undefined {
	if (RELEASED_STATUSES.has(String(phone.status)) || phone.scheduled_release_at) return undefined;
	return `A look-up of the phone shows status ${String(phone.status)} and no release scheduled.`;
}

/**
 * The DELETE was sent again after its answer was lost (502, 504, a broken connection, the
 * Timeout), and Diga refused it. Diga's words do not say whether the first one released the
 * phone (a phone "reserved and cannot be released" was never released; a 404 is a phone this
 * account no longer has, or never had): only a look-up of the phone counts.
 */
async function confirmReleased(run: RunContext, phoneId: string, itemIndex: number, answer: AnswerAfterLostAnswer): Promise<void> {
	let found: string;
	try {
		const phone = await readPhone(run, phoneId, itemIndex);
		const shows = notReleased(phone as DigaPhone);
		if (shows === undefined) return;
		found = shows;
	} catch (error) {
		// Whatever stopped the look-up, the DELETE's outcome stays unknown (never "not sent").
		if (error instanceof RunStoppedError) found = 'Another item failed meanwhile, so the run stopped before the phone was looked up.';
		else if (isNotFound(error)) {
			found = 'Diga no longer finds the phone: an imported number is deleted at once when released, so the first request may have released it; or the ID is not a phone of this account and nothing was released.';
		} else found = `The look-up of the phone failed too (${error instanceof Error ? error.message : String(error)}).`;
	}
	throw outcomeUnknownError(run.client.node, answer.lost, {
		mayHave: `Diga may have released phone ${phoneId}`,
		check: `Phone → Get with the ID ${phoneId}, or find the number in Phone → Get Many: status released or finished, or a Scheduled Release At, means it was released; a phone Diga no longer lists may have been an imported number it deleted.`,
	}, {
		itemIndex,
		story: `The request reached Diga or a gateway in front of it and no answer came back. Sent again, Diga answered: "${answer.error.message}", which does not say whether the first request released it. ${found}`,
	});
}

const isNotFound = (error: unknown): boolean => (error as { httpCode?: unknown } | undefined)?.httpCode === '404';

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: string): Promise<IDataObject> {
	const phoneId = prepared ?? (await resolvePhoneId(this, run.phones, itemIndex));
	// 204 No Content: Diga answers nothing, so the output says what was done.
	await run.client.request<unknown>(
		{
			method: 'DELETE',
			path: `/v1/phone/${phoneId}`,
			settleAfterLostAnswer: async (answer) => await confirmReleased(run, phoneId, itemIndex, answer),
		},
		{
			itemIndex,
			fields: [{ ...PHONE_FIELD, api: 'id' }],
			notFound: { default: `Diga could not find phone ${phoneId} in this account` },
		},
	);
	return { id: phoneId, released: true };
}
