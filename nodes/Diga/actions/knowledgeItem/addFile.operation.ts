import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';
import { multipartForm } from '../../transport/multipart';
import type { RawBody } from '../../transport/multipart';
import { isRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { ITEM_NAME } from './itemFields';

export const option = {
	name: 'Add File',
	value: 'addFile',
	description: 'Upload a file (PDF, document) from an input binary property as a knowledge item',
	action: 'Add a file as a knowledge item',
} as const satisfies OperationOption;

const BINARY = { name: 'binaryPropertyName', api: 'file', label: 'Input Binary Field' } as const satisfies DigaField;
const NAME = { ...ITEM_NAME, label: 'Item Name' } as const;

const properties: INodeProperties[] = [
	{
		displayName: BINARY.label,
		name: BINARY.name,
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		description: 'The binary property of the input item that holds the file, e.g. data from a Read File or HTTP Request node',
	},
	{
		displayName: NAME.label,
		name: NAME.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. Product manual',
		description: 'The item’s name in Diga; empty: the file’s name. To put the item in a base, use Knowledge Base → Update afterwards (Diga’s upload form takes no base).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addFile'] } }, properties);

interface FileUpload {
	name: string;
	form: RawBody;
}

/** The file and its name, read and checked before any item of the run is uploaded. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<FileUpload> {
	const property = String(this.getNodeParameter(BINARY.name, itemIndex, 'data') ?? '').trim();
	const binary = this.getInputData()[itemIndex]?.binary?.[property];
	if (property === '' || !binary) {
		const present = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(this.getNode(), `${BINARY.label}: the input item has no binary property "${property}"`, {
			itemIndex,
			description: present.length ? `Its binary properties: ${present.join(', ')}.` : 'The input item has no binary data: read the file first (Read/Write Files from Disk, HTTP Request with Response Format File).',
		});
	}
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const filename = binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	if (data.length === 0) {
		throw new NodeOperationError(this.getNode(), `${BINARY.label}: the file "${filename}" is empty`, { itemIndex });
	}
	const name = String(this.getNodeParameter(NAME.name, itemIndex, '') ?? '').trim() || filename;
	// Diga's form, as its spec describes it in prose: "name, category, file".
	return { name, form: multipartForm({ name, category: 'file' }, { file: { filename, mimeType: binary.mimeType || 'application/octet-stream', data } }) };
}

const isUploadResponse = (body: unknown) => isRecord(body) && Array.isArray(body.successful_items) && Array.isArray(body.failed_items);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: FileUpload): Promise<IDataObject> {
	const { name, form } = prepared ?? (await prepare.call(this, itemIndex));
	const answer = await run.client.request<{ successful_items: IDataObject[]; failed_items: Array<{ name?: string; error?: string }> }>(
		{
			method: 'POST',
			path: '/v1/knowledge/item/file',
			rawBody: form,
			expect: { what: 'the uploaded and failed files', is: isUploadResponse },
			lostAnswer: { mayHave: `Diga may have added the file "${name}"`, check: `Knowledge Item → Get Many with the name "${name}": if it is there, do not upload it again.` },
		},
		{ itemIndex, fields: [BINARY, NAME, { name: 'category', api: 'category', label: 'Category' }] },
	);
	const [added] = answer.successful_items;
	if (added) return added;
	const reason = answer.failed_items.map((failed) => failed.error).filter(Boolean).join('; ');
	throw new NodeOperationError(this.getNode(), `Diga did not accept the file "${name}"${reason ? `: ${reason}` : ''}`, { itemIndex });
}
