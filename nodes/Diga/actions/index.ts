import { account } from './account';
import { agent } from './agent';
import { agentVersion } from './agentVersion';
import { call } from './call';
import { integration } from './integration';
import { integrationTool } from './integrationTool';
import { knowledgeBase } from './knowledgeBase';
import { knowledgeItem } from './knowledgeItem';
import { phone } from './phone';
import { voice } from './voice';

/**
 * Every resource of the Diga node, once: the node's Resource and Operation menus, its fields,
 * the router and the typed resource/operation map (node.type.ts) all derive from this list.
 */
export const resources = [account, agent, agentVersion, call, integration, integrationTool, knowledgeBase, knowledgeItem, phone, voice] as const;

export const DEFAULT_RESOURCE = phone.value;
