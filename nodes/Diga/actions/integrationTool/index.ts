import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteTool from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as setApproval from './setApproval.operation';
import * as update from './update.operation';

export const integrationTool = defineResource({
	name: 'Integration Tool',
	value: 'integrationTool',
	defaultOperation: 'get',
	operations: [create, deleteTool, get, getAll, setApproval, update],
});
