import { defineResource } from '../types';
import * as getLiveCallCount from './getLiveCallCount.operation';

export const account = defineResource({
	name: 'Account',
	value: 'account',
	defaultOperation: 'getLiveCallCount',
	operations: [getLiveCallCount],
});
