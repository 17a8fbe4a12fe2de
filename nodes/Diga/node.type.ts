import type { AllEntities } from 'n8n-workflow';

import type { resources } from './actions';

type Resource = (typeof resources)[number];

/**
 * Every resource and its operations, by their workflow-facing values, derived from the registry
 * (actions/index.ts): what a saved workflow may name.
 */
export type DigaNodeMap = { [R in Resource as R['value']]: R['operations'][number]['option']['value'] };
export type DigaResource = keyof DigaNodeMap;
export type Diga = AllEntities<DigaNodeMap>;
