import type { AllEntities } from 'n8n-workflow';

/**
 * Every resource and its operations, by their workflow-facing values. The router's table and
 * each resource's operation list are typed from this map, so a misspelt or missing
 * operation is a compile error.
 */
type NodeMap = {
	phone: 'get' | 'getAll' | 'update' | 'release' | 'import' | 'updateSipConfig';
	agent: 'get' | 'getAll' | 'publishVersion' | 'update';
	agentVersion: 'getAll' | 'create';
	call: 'delete' | 'get' | 'getAll' | 'getMessages' | 'getRecording' | 'make';
};

export type DigaNodeMap = NodeMap;
export type DigaResource = keyof NodeMap;
export type Diga = AllEntities<NodeMap>;
