import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteIntegration from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const integration = defineResource({
	name: 'Integration',
	value: 'integration',
	defaultOperation: 'get',
	operations: [create, deleteIntegration, get, getAll, update],
});
