import { defineResource } from '../types';
import * as addFile from './addFile.operation';
import * as addText from './addText.operation';
import * as addUrls from './addUrls.operation';
import * as deleteItem from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getUsage from './getUsage.operation';
import * as rename from './rename.operation';

export const knowledgeItem = defineResource({
	name: 'Knowledge Item',
	value: 'knowledgeItem',
	defaultOperation: 'get',
	operations: [addFile, addText, addUrls, deleteItem, get, getAll, getUsage, rename],
});
