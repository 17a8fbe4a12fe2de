import type { PhoneRecord, SipConfigRecord } from '../fixtures';
import { invalid } from './common';

/**
 * The SIP sections of `PostImportPhoneNumberRequestSchema` and `PatchSipConfigRequestSchema`,
 * checked as FastAPI would, and applied to a phone. Passwords are kept here, never in a phone
 * Diga answers with (`SipConfigResponseSchema` has no password).
 */
export const sipPasswords = new WeakMap<PhoneRecord, string | null>();

const ENCRYPTIONS = ['disable', 'allow', 'require'];
type Problem = ReturnType<typeof invalid>;

const isObject = (value: unknown): value is Record<string, unknown> =>
	!!value && typeof value === 'object' && !Array.isArray(value);

function checkSection(section: unknown, name: string, fields: Record<string, 'string' | 'encryption' | 'list'>, required: string[]): Problem[] {
	if (section === undefined || section === null) return [];
	if (!isObject(section)) return [invalid(['body', name], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')];
	const problems: Problem[] = required
		.filter((field) => section[field] === undefined)
		.map((field) => invalid(['body', name, field], 'Field required', 'missing'));
	for (const [field, kind] of Object.entries(fields)) {
		const value = section[field];
		if (value === undefined || value === null) continue;
		if (kind === 'encryption' && !ENCRYPTIONS.includes(value as string)) {
			problems.push(invalid(['body', name, field], "Input should be 'disable', 'allow' or 'require'", 'enum'));
		}
		if (kind === 'string' && typeof value !== 'string') problems.push(invalid(['body', name, field], 'Input should be a valid string', 'string_type'));
		if (kind === 'list' && !(Array.isArray(value) && value.every((entry) => typeof entry === 'string'))) {
			problems.push(invalid(['body', name, field], 'Input should be a valid list', 'list_type'));
		}
	}
	return problems;
}

/** FastAPI's problems with the two sections; `termination_uri` is required when importing. */
export function sipProblems(body: Record<string, unknown>, importing: boolean): Problem[] {
	return [
		...checkSection(body.inbound_config, 'inbound_config', { media_encryption: 'encryption', allowed_addresses: 'list' }, []),
		...checkSection(
			body.outbound_config,
			'outbound_config',
			{ termination_uri: 'string', username: 'string', password: 'string', media_encryption: 'encryption' },
			importing ? ['termination_uri'] : [],
		),
	];
}

/** Applies the sections the request carries; fields it leaves out (or sends as null) stay as they were. */
export function applySip(phone: PhoneRecord, body: Record<string, unknown>): void {
	const config: SipConfigRecord = phone.sip_config ?? {
		termination_uri: null,
		username: null,
		inbound_media_encryption: 'allow',
		outbound_media_encryption: 'allow',
		allowed_addresses: null,
	};
	const inbound = isObject(body.inbound_config) ? body.inbound_config : {};
	const outbound = isObject(body.outbound_config) ? body.outbound_config : {};
	const set = <K extends keyof SipConfigRecord>(key: K, value: unknown) => {
		if (value !== undefined && value !== null) config[key] = value as SipConfigRecord[K];
	};
	set('inbound_media_encryption', inbound.media_encryption);
	set('allowed_addresses', inbound.allowed_addresses);
	set('termination_uri', outbound.termination_uri);
	set('username', outbound.username);
	set('outbound_media_encryption', outbound.media_encryption);
	if (typeof outbound.password === 'string') sipPasswords.set(phone, outbound.password);
	phone.sip_config = config;
}
