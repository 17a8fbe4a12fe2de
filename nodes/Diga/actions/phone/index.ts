import { defineResource } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as importPhone from './import.operation';
import * as release from './release.operation';
import * as update from './update.operation';
import * as updateSipConfig from './updateSipConfig.operation';

export const phone = defineResource({
	name: 'Phone',
	value: 'phone',
	defaultOperation: 'update',
	operations: [get, getAll, importPhone, release, update, updateSipConfig],
});
