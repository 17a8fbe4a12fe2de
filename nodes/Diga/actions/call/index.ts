import { defineResource } from '../types';
import * as deleteCalls from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getLogs from './getLogs.operation';
import * as getMessages from './getMessages.operation';
import * as getRecording from './getRecording.operation';
import * as getTrace from './getTrace.operation';
import * as make from './make.operation';

export const call = defineResource({
	name: 'Call',
	value: 'call',
	defaultOperation: 'make',
	operations: [deleteCalls, get, getAll, getLogs, getMessages, getRecording, getTrace, make],
});
