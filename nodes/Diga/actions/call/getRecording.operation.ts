import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DigaRecording } from '../../transport/types';
import { aRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { ItemWithBinary } from '../types';
import { callIdProperty, readCallId } from './callId';
import { readDecimal } from '../../helpers/input';

export const option = {
	name: 'Get Recording',
	value: 'getRecording',
	description: 'Get the audio recording of a call: its URL, and the audio file as binary data',
	action: 'Get the recording of a call, with its audio file',
} as const satisfies OperationOption;

const DEFAULT_MAX_MB = 50;

const properties: INodeProperties[] = [
	callIdProperty,
	{
		displayName: 'Download Audio',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download the audio file into the output item as binary data, or only return its URL',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { download: [true] } },
	},
	{
		displayName: 'Options',
		name: 'recordingOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { download: [true] } },
		options: [
			{
				displayName: 'Max Size (MB)',
				name: 'maxSizeMb',
				type: 'number',
				default: DEFAULT_MAX_MB,
				typeOptions: { minValue: 0.001, numberPrecision: 3 },
				description: 'The largest recording to download; a larger one stops with an error instead of filling memory',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getRecording'] } }, properties);

function readDownloadSettings(context: IExecuteFunctions, itemIndex: number): { property: string; maxBytes: number } {
	const property = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (property === '') {
		throw new NodeOperationError(context.getNode(), 'Put Output File in Field is empty', {
			itemIndex,
			description: 'Name the binary field the recording goes into, e.g. "data".',
		});
	}
	const { maxSizeMb = DEFAULT_MAX_MB } = context.getNodeParameter('recordingOptions', itemIndex, {}) as { maxSizeMb?: unknown };
	const megabytes = readDecimal(maxSizeMb);
	if (megabytes === undefined || megabytes <= 0) {
		throw new NodeOperationError(context.getNode(), 'Max Size (MB) must be a number above 0', {
			itemIndex,
			description: `It is ${JSON.stringify(maxSizeMb)}.`,
		});
	}
	return { property, maxBytes: Math.floor(megabytes * 1024 * 1024) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject | ItemWithBinary> {
	const callId = readCallId(this, itemIndex);
	const download = this.getNodeParameter('download', itemIndex, true) !== false;
	const settings = download ? readDownloadSettings(this, itemIndex) : undefined;
	const noRecording = `Call ${callId} has no recording yet`;
	const hint = 'A recording exists once the call has ended with audio; calls nobody answered have none. Try again after the call has ended.';

	const recording = await run.client.request<DigaRecording>(
		{ method: 'GET', path: `/v1/recording/${callId}`, expect: aRecord('a recording', 'recording_url') },
		{
			itemIndex,
			// The spec declares no 404 for this path: these are the codes Diga uses elsewhere for the two cases.
			notFound: {
				NO_RECORDINGS_FOUND: noRecording,
				CALL_NOT_FOUND: `Diga could not find call ${callId} in this account`,
				default: `Diga has no recording for call ${callId}: the call has not ended with audio, or is not in this account`,
			},
		},
	);
	const url = recording.recording_url.trim();
	if (url === '') throw new NodeOperationError(this.getNode(), noRecording, { itemIndex, description: hint });

	const json: IDataObject = { call_id: callId, recording_url: recording.recording_url };
	if (!settings) return json;
	const file = await run.client.download(url, settings.maxBytes, { itemIndex });
	const binary = await this.helpers.prepareBinaryData(file.data, file.fileName ?? `recording-${callId}`, file.mimeType);
	return new ItemWithBinary(json, { [settings.property]: binary });
}
