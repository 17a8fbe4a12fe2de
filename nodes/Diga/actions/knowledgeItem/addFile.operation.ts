import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DigaField } from '../../vocabulary/fields';
import { multipartForm } from '../../transport/multipart';
import type { RawBody } from '../../transport/multipart';
import type { OperationOption, RunContext } from '../types';
import { isUploadAnswer, ITEM_NAME } from './itemFields';

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
		description: 'The item’s name in Diga; empty: the file’s name. To put the item in a base, use Knowledge Base → Add Items afterwards, which keeps the base’s other items (Diga’s upload form takes no base).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addFile'] } }, properties);

interface FileUpload {
	name: string;
	form: RawBody;
}

/** The file's size without reading it: n8n's metadata for stored binary data, the base64 length for data held in the item. */
async function sizeOf(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (!binary.id) return Buffer.byteLength(binary.data ?? '', 'base64');
	const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
	return typeof fileSize === 'number' && Number.isFinite(fileSize) ? fileSize : undefined;
}

/** n8n could not find or read the stored file. */
const unreadable = (context: IExecuteFunctions, itemIndex: number, filename: string) => (error: unknown) => {
	throw new NodeOperationError(context.getNode(), `${BINARY.label}: the file "${filename}" could not be read`, {
		itemIndex,
		description: `n8n's binary data: ${error instanceof Error ? error.message : String(error)}. Nothing was sent for this item.`,
	});
};

/**
 * The file's name, size and type, checked before any item of the run is uploaded. Its bytes are
 * not read here: `open` reads them when the upload starts (again for a retry), streamed where n8n
 * keeps binary data outside the item (filesystem, S3), so a run holds at most the files in flight.
 */
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
	const filename = binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const size = await sizeOf(this, binary).catch(unreadable(this, itemIndex, filename));
	if (size === 0) {
		throw new NodeOperationError(this.getNode(), `${BINARY.label}: the file "${filename}" is empty`, { itemIndex });
	}
	const name = String(this.getNodeParameter(NAME.name, itemIndex, '') ?? '').trim() || filename;
	const open = async () =>
		await (binary.id ? this.helpers.getBinaryStream(binary.id) : this.helpers.getBinaryDataBuffer(itemIndex, property)).catch(unreadable(this, itemIndex, filename));
	// Diga's form, as its spec describes it in prose: "name, category, file".
	return { name, form: multipartForm({ name, category: 'file' }, 'file', { filename, mimeType: binary.mimeType || 'application/octet-stream', size, open }) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: FileUpload): Promise<IDataObject> {
	const { name, form } = prepared ?? (await prepare.call(this, itemIndex));
	const answer = await run.client.request<{ successful_items: IDataObject[]; failed_items: Array<{ name?: string; error?: string }> }>(
		{
			method: 'POST',
			path: '/v1/knowledge/item/file',
			rawBody: form,
			expect: { what: 'the uploaded and failed files', is: isUploadAnswer },
			lostAnswer: { mayHave: `Diga may have added the file "${name}"`, check: `Knowledge Item → Get Many with the name "${name}": if it is there, do not upload it again.` },
		},
		{ itemIndex, fields: [BINARY, NAME, { name: 'category', api: 'category', label: 'Category' }] },
	);
	const [added] = answer.successful_items;
	if (added) return added;
	const reason = answer.failed_items.map((failed) => failed.error).filter(Boolean).join('; ');
	throw new NodeOperationError(this.getNode(), `Diga did not accept the file "${name}"${reason ? `: ${reason}` : ''}`, { itemIndex });
}
