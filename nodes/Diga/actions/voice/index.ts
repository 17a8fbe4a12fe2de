import { defineResource } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const voice = defineResource({
	name: 'Voice',
	value: 'voice',
	defaultOperation: getAll.option.value,
	operations: [get, getAll],
});
