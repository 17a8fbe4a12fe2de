import { defineResource } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as publishVersion from './publishVersion.operation';
import * as transferNumber from './transferNumber.operation';
import * as update from './update.operation';

export const agent = defineResource({
	name: 'Agent',
	value: 'agent',
	defaultOperation: 'get',
	operations: [get, getAll, publishVersion, transferNumber, update],
});
