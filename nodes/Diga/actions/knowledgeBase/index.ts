import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteBase from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as syncText from './syncText.operation';
import * as update from './update.operation';

export const knowledgeBase = defineResource({
	name: 'Knowledge Base',
	value: 'knowledgeBase',
	defaultOperation: 'get',
	operations: [create, deleteBase, get, getAll, syncText, update],
});
