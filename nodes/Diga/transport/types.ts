import type { IDataObject } from 'n8n-workflow';

// Generated from Diga's OpenAPI spec (`npm run spec:update`); `npm test` fails when it is stale.
import type { components } from './openapi';

/** Diga's schemas, by the spec's names. */
export type DigaSchemas = components['schemas'];

/** A Diga record as it travels through n8n: the spec's shape, and a plain JSON object. */
type DigaRecord<T> = T & IDataObject;

/** `PhoneRegisterResponseSchema`: id, number, telephony_provider and status are required. */
export type DigaPhone = DigaRecord<DigaSchemas['PhoneRegisterResponseSchema']>;

/** `VersionItem` inside `AgentWithVersionsDropdownResponse`. */
export type DigaVersionItem = DigaSchemas['VersionItem'];

/** `AgentWithVersionsDropdownResponse`. */
export type DigaAgentVersions = DigaSchemas['AgentWithVersionsDropdownResponse'];

/** `AgentResponseSchema`. */
export type DigaAgent = DigaRecord<DigaSchemas['AgentResponseSchema']>;

/** `CallResponse`. */
export type DigaCall = DigaRecord<DigaSchemas['CallResponse']>;

/** `MessageResponse`: one line of a call's transcript. */
export type DigaMessage = DigaRecord<DigaSchemas['MessageResponse']>;
export type DigaWebhook = DigaRecord<DigaSchemas['WebhookResponse']>;
export type DigaCreatedWebhook = DigaRecord<DigaSchemas['WebhookCreatedResponse']>;

/** `VoiceResponseSchema`: one of Diga's voices. */
export type DigaVoice = DigaRecord<DigaSchemas['VoiceResponseSchema']>;

/** `AgentTemplateResponse`. */
export type DigaAgentTemplate = DigaRecord<DigaSchemas['AgentTemplateResponse']>;

/** `ProjectResponseSchema`. */
export type DigaProject = DigaRecord<DigaSchemas['ProjectResponseSchema']>;

/** `CallLogResponse`, `TraceResponse`. */
export type DigaCallLog = DigaRecord<DigaSchemas['CallLogResponse']>;
export type DigaTrace = DigaRecord<DigaSchemas['TraceResponse']>;

/** `RecordingResponse`. */
export type DigaRecording = DigaRecord<DigaSchemas['RecordingResponse']>;

/** `BulkDeleteCallResponse`. */
export type DigaBulkDelete = DigaRecord<DigaSchemas['BulkDeleteCallResponse']>;

/** `KnowledgeBaseResponseSchema`. */
export type DigaKnowledgeBase = DigaRecord<DigaSchemas['KnowledgeBaseResponseSchema']>;

/** A knowledge item of any category (`File…`, `URL…`, `TextKnowledgeItemResponse`). */
export type DigaKnowledgeItem = DigaRecord<
	DigaSchemas['FileKnowledgeItemResponse'] | DigaSchemas['URLKnowledgeItemResponse'] | DigaSchemas['TextKnowledgeItemResponse']
>;

/** `TransferCallToolSchema` | `HangUpToolSchema`: one call tool of an agent. */
export type DigaCallTool = DigaRecord<DigaSchemas['TransferCallToolSchema'] | DigaSchemas['HangUpToolSchema']>;

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON object whose `keys` are all strings: the least a record of that kind must have. */
function isRecordWith(body: unknown, ...keys: string[]): boolean {
	return isRecord(body) && keys.every((key) => typeof body[key] === 'string');
}

/** The body answered for a call, checked before it is passed on as output. */
export function isCall(body: unknown): body is DigaCall {
	return isRecordWith(body, 'id', 'status');
}

/** The body answered for a phone, checked before it is passed on as output. */
export function isPhone(body: unknown): body is DigaPhone {
	return isRecordWith(body, 'id', 'number');
}

/** What a 2xx body must be, for `DigaRequest.expect`: the client checks it and names the real status. */
export interface BodyExpectation {
	what: string;
	is: (body: unknown) => boolean;
}

/** A record with these string fields, e.g. `aRecord('an agent', 'agent_id')`. */
export const aRecord = (what: string, ...keys: string[]): BodyExpectation => ({ what, is: (body) => isRecordWith(body, ...keys) });

export const A_PHONE: BodyExpectation = { what: 'a phone', is: isPhone };
export const A_CALL: BodyExpectation = { what: 'a call', is: isCall };
export const A_CREATED_WEBHOOK: BodyExpectation = aRecord('a webhook with its secret', 'id', 'url', 'secret');

export const A_KNOWLEDGE_BASE = aRecord('a knowledge base', 'id', 'name');
export const A_KNOWLEDGE_ITEM = aRecord('a knowledge item', 'id', 'name', 'category');

/** `IntegrationResponse` (its `auth_key` and header values never leave the client: transport/redact.ts). */
export type DigaIntegration = DigaRecord<DigaSchemas['IntegrationResponse']>;
/** `HttpToolResponseSchema` | `McpToolSchema`: one tool of an integration. */
export type DigaIntegrationTool = DigaRecord<DigaSchemas['HttpToolResponseSchema'] | DigaSchemas['McpToolSchema']>;

export const AN_INTEGRATION = aRecord('an integration', 'id', 'name', 'integration_type');
export const A_TOOL = aRecord('an integration tool', 'name');
