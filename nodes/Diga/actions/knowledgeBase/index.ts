import { defineResource } from '../types';
import * as addItems from './addItems.operation';
import * as create from './create.operation';
import * as deleteBase from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeItems from './removeItems.operation';
import * as syncText from './syncText.operation';
import * as update from './update.operation';

export const knowledgeBase = defineResource({
	name: 'Knowledge Base',
	value: 'knowledgeBase',
	defaultOperation: 'get',
	operations: [addItems, create, deleteBase, get, getAll, removeItems, syncText, update],
});
