import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { voiceLocator } from '../../descriptions/resourceLocators';
import { readLocatorId } from '../../helpers/input';
import type { DigaVoice } from '../../transport/types';
import { aRecord } from '../../transport/types';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get one of Diga’s voices: name, gender, provider and preview URLs',
	action: 'Get a voice',
} as const satisfies OperationOption;

const VOICE = { name: 'voiceId', api: 'voice_id', label: 'Voice' } as const satisfies DigaField;

const properties: INodeProperties[] = [{ ...voiceLocator(VOICE, 'The voice to get, by its Diga ID'), required: true }];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<DigaVoice> {
	const voiceId = readLocatorId(this, VOICE.name, VOICE.label, itemIndex);
	return await run.client.request<DigaVoice>(
		{ method: 'GET', path: `/v1/voice/${voiceId}`, expect: aRecord('a voice', 'id', 'name') },
		{ itemIndex, fields: [VOICE], notFound: { default: `Diga has no voice ${voiceId}` } },
	);
}
