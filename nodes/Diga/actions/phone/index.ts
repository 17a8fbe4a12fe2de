import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../descriptions/operations';
import type { ResourceOperations } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as importPhone from './import.operation';
import * as release from './release.operation';
import * as update from './update.operation';
import * as updateSipConfig from './updateSipConfig.operation';

export const operations: ResourceOperations<'phone'> = { get, getAll, update, release, import: importPhone, updateSipConfig };

export const description: INodeProperties[] = [
	operationSelector(
		'phone',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get a phone number by ID or by number',
				action: 'Get a phone: one phone number with its status and the agents on it, found by its ID or by the number itself (e.g. +34911234567)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the phone numbers of the account, optionally filtered',
				action: 'Get many phones: the phone numbers of the account with their IDs, status and agent IDs, optionally filtered by status or agent ID',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Bring your own number or SIP user from an external SIP trunk into Diga',
				action: 'Import a phone: bring a number (e.g. +34675897654) or SIP user from your own SIP trunk into Diga, with its inbound and outbound SIP settings',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Give a phone number up for good. Not reversible.',
				action: 'Release a phone: give the number up for good, not reversible. Needs the phone ID or the number. Reserved and pending-verification numbers cannot be released',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a phone number or change the agents that answer and call from it',
				action: 'Update a phone: rename it, or set the agent version that answers its calls or calls from it. Needs the phone ID or the number, and agent version IDs',
			},
			{
				name: 'Update SIP Config',
				value: 'updateSipConfig',
				description: 'Change the SIP trunk settings of an imported number',
				action: 'Update the SIP config of a phone: change the SIP trunk settings (termination URI, credentials, encryption, allowed addresses) of an imported number. Needs the phone ID or the number',
			},
		],
		'update',
	),
	...get.description,
	...getAll.description,
	...importPhone.description,
	...release.description,
	...update.description,
	...updateSipConfig.description,
];
