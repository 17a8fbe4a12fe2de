import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteVersion from './delete.operation';
import * as getAll from './getAll.operation';

export const agentVersion = defineResource({
	name: 'Agent Version',
	value: 'agentVersion',
	defaultOperation: getAll.option.value,
	operations: [create, deleteVersion, getAll],
});
