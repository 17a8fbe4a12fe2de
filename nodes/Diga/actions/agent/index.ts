import { defineResource } from '../types';
import * as create from './create.operation';
import * as createFromTemplate from './createFromTemplate.operation';
import * as deleteAgent from './delete.operation';
import * as duplicate from './duplicate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as publishVersion from './publishVersion.operation';
import * as transferNumber from './transferNumber.operation';
import * as unpublish from './unpublish.operation';
import * as update from './update.operation';

export const agent = defineResource({
	name: 'Agent',
	value: 'agent',
	defaultOperation: 'get',
	operations: [create, createFromTemplate, deleteAgent, duplicate, get, getAll, publishVersion, transferNumber, unpublish, update],
});
