import type { IDataObject } from 'n8n-workflow';

/** The parts of Diga's schemas (see the OpenAPI spec) that this node reads. */

/** `PhoneRegisterResponseSchema`: id, number, telephony_provider and status are required. */
export interface DigaPhone extends IDataObject {
	id: string;
	number: string;
	nickname?: string | null;
	status: string;
}

/** `VersionItem` inside `AgentWithVersionsDropdownResponse`. */
export interface DigaVersionItem {
	version_id: string;
	version_name?: string | null;
	version_number: number;
	is_published?: boolean;
	is_draft?: boolean;
}

/** `AgentWithVersionsDropdownResponse`. */
export interface DigaAgentVersions {
	agent_id: string;
	name?: string | null;
	versions: DigaVersionItem[];
}

/** `AgentResponseSchema`, the fields used for labels. */
export interface DigaAgent extends IDataObject {
	agent_id: string;
	name?: string | null;
	version_id: string;
	version_number: number;
	version_name?: string | null;
	is_published?: boolean;
	is_draft?: boolean;
}

/** The body answered for a phone, checked before it is passed on as output. */
export function isPhone(body: unknown): body is DigaPhone {
	return (
		!!body &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		typeof (body as DigaPhone).id === 'string' &&
		typeof (body as DigaPhone).number === 'string'
	);
}
