/**
 * Seed data for the Diga-compatible test server, shaped like the spec's response schemas.
 * Ids are fixed so tests, the demo and the example workflows can name them.
 */

export interface AgentVersionRecord {
	version_id: string;
	version_number: number;
	version_name: string | null;
	is_published: boolean;
	is_draft: boolean;
	created_at: string;
	/** The settings this version has beyond the seed's (`AgentResponseSchema` fields), set by `PATCH /v1/agent/{id}` on the draft. */
	config?: Record<string, unknown>;
}

export interface AgentRecord {
	agent_id: string;
	name: string | null;
	mode: 'free' | 'path';
	created_at: string;
	versions: AgentVersionRecord[];
}

/** `SipConfigResponseSchema`: what Diga shows of an imported phone's trunk (never its password). */
export interface SipConfigRecord {
	termination_uri: string | null;
	username: string | null;
	inbound_media_encryption: 'disable' | 'allow' | 'require';
	outbound_media_encryption: 'disable' | 'allow' | 'require';
	allowed_addresses: string[] | null;
}

export interface PhoneRecord {
	id: string;
	nickname: string | null;
	number: string;
	telephony_provider: 'netelip' | 'custom';
	status: 'reserved' | 'pending_verification' | 'assigned' | 'released' | 'finished';
	released_at: string | null;
	scheduled_release_at: string | null;
	assigned_at: string | null;
	inbound_agent_id: string | null;
	outbound_agent_id: string | null;
	sip_config: SipConfigRecord | null;
	checkout_url: null;
	reservation_expires_at: null;
	region_codes: string[];
}

export const IDS = {
	salesAgent: 'a1111111-1111-4111-8111-111111111111',
	salesV1: 'b1111111-0001-4111-8111-111111111111',
	salesV2: 'b1111111-0002-4111-8111-111111111111',
	salesV3: 'b1111111-0003-4111-8111-111111111111',
	supportAgent: 'a2222222-2222-4222-8222-222222222222',
	supportV1: 'b2222222-0001-4222-8222-222222222222',
	supportV2: 'b2222222-0002-4222-8222-222222222222',
	nightAgent: 'a3333333-3333-4333-8333-333333333333',
	nightV1: 'b3333333-0001-4333-8333-333333333333',
	receptionPhone: 'c0000000-0001-4000-8000-000000000001',
	salesPhone: 'c0000000-0002-4000-8000-000000000002',
	supportPhone: 'c0000000-0003-4000-8000-000000000003',
	releasedPhone: 'c0000000-0004-4000-8000-000000000004',
	outboundPhone: 'c0000000-0005-4000-8000-000000000005',
} as const;

const version = (
	version_id: string,
	version_number: number,
	state: 'published' | 'draft' | 'old',
	version_name: string | null = null,
): AgentVersionRecord => ({
	version_id,
	version_number,
	version_name,
	is_published: state === 'published',
	is_draft: state === 'draft',
	created_at: `2026-0${version_number}-01T09:00:00Z`,
});

/** The call tools of the support agent's draft (`TransferCallToolSchema` / `HangUpToolSchema`, as Diga answers them). */
export const SUPPORT_CALL_TOOLS = [
	{ type: 'transfer_call', name: 'transfer_to_oncall', target_number: '+34600111000', description: 'Transfer urgent outages to the engineer on call', transfer_type: 'transfer' },
	{ type: 'hang_up', name: 'end_call', description: 'Hang up when the caller is done' },
	{ type: 'transfer_call', name: 'transfer_to_billing', target_number: '+34911000222#104', description: 'Transfer billing questions', transfer_type: 'invite' },
] as const;

export function seedAgents(): AgentRecord[] {
	return [
		{
			agent_id: IDS.salesAgent,
			name: 'Sales bot',
			mode: 'free',
			created_at: '2026-01-10T09:00:00Z',
			versions: [
				version(IDS.salesV1, 1, 'old'),
				version(IDS.salesV2, 2, 'old', 'Summer offer'),
				version(IDS.salesV3, 3, 'published'),
			],
		},
		{
			agent_id: IDS.supportAgent,
			name: 'Support bot',
			mode: 'path',
			created_at: '2026-01-11T09:00:00Z',
			versions: [version(IDS.supportV1, 1, 'published'), { ...version(IDS.supportV2, 2, 'draft'), config: { call_tools: SUPPORT_CALL_TOOLS.map((tool) => ({ ...tool })) } }],
		},
		{
			agent_id: IDS.nightAgent,
			name: 'After-hours bot',
			mode: 'free',
			created_at: '2026-01-12T09:00:00Z',
			versions: [version(IDS.nightV1, 1, 'published')],
		},
	];
}

/** `VoiceResponseSchema`: the voices `GET /v1/voice/` lists, oldest first. */
export interface VoiceRecord {
	id: string;
	name: string;
	provider: 'elevenlabs' | 'gemini';
	provider_voice_id: string;
	preview_urls: Record<string, string> | null;
	gender: string | null;
	is_favourite: boolean;
}

export const VOICE_IDS = {
	lucia: 'd0000000-0001-4000-8000-000000000001',
	mateo: 'd0000000-0002-4000-8000-000000000002',
	aoede: 'd0000000-0003-4000-8000-000000000003',
} as const;

export function seedVoices(): VoiceRecord[] {
	return [
		{ id: VOICE_IDS.lucia, name: 'Lucía', provider: 'elevenlabs', provider_voice_id: 'lucia-es-001', preview_urls: null, gender: 'female', is_favourite: false },
		{ id: VOICE_IDS.mateo, name: 'Mateo', provider: 'elevenlabs', provider_voice_id: 'mateo-es-002', preview_urls: { es: 'https://voices.diga.io/mateo-es.mp3' }, gender: 'male', is_favourite: true },
		{ id: VOICE_IDS.aoede, name: 'Aoede', provider: 'gemini', provider_voice_id: 'Aoede', preview_urls: null, gender: null, is_favourite: false },
	];
}

export function makePhone(
	id: string,
	number: string,
	nickname: string | null,
	overrides: Partial<PhoneRecord> = {},
): PhoneRecord {
	return {
		id,
		nickname,
		number,
		telephony_provider: 'netelip',
		status: 'assigned',
		released_at: null,
		scheduled_release_at: null,
		assigned_at: '2026-02-01T10:00:00Z',
		inbound_agent_id: null,
		outbound_agent_id: null,
		sip_config: null,
		checkout_url: null,
		reservation_expires_at: null,
		region_codes: ['MD'],
		...overrides,
	};
}

export function seedPhones(): PhoneRecord[] {
	return [
		makePhone(IDS.receptionPhone, '+34911234567', 'Reception', { inbound_agent_id: IDS.supportAgent }),
		makePhone(IDS.salesPhone, '+34911234568', 'Sales line', {
			inbound_agent_id: IDS.salesAgent,
			assigned_at: '2026-03-01T10:00:00Z',
		}),
		makePhone(IDS.supportPhone, '+34931112233', 'Support line', {
			inbound_agent_id: IDS.supportAgent,
			region_codes: ['B'],
			assigned_at: '2026-04-01T10:00:00Z',
		}),
		makePhone(IDS.releasedPhone, '+34955000111', null, {
			status: 'released',
			released_at: '2026-05-01T10:00:00Z',
			region_codes: ['SE'],
		}),
		makePhone(IDS.outboundPhone, '+34600111222', 'Outbound campaigns', {
			outbound_agent_id: IDS.salesAgent,
			region_codes: [],
			assigned_at: '2026-06-01T10:00:00Z',
		}),
	];
}

/** `n` more phones with predictable ids and numbers, for pagination tests. */
export function bulkPhones(n: number): PhoneRecord[] {
	return Array.from({ length: n }, (_, i) => {
		const suffix = String(i + 1).padStart(12, '0');
		return makePhone(`d0000000-0000-4000-8000-${suffix}`, `+3480${String(i + 1).padStart(7, '0')}`, `Bulk ${i + 1}`);
	});
}

/** `CallResponse`, as Diga returns a call. */
export interface CallRecord {
	id: string;
	agent_id: string | null;
	agent_version_id: string | null;
	status: 'dialing' | 'in_queue' | 'in_progress' | 'completed';
	recording_url: string | null;
	start_time: string | null;
	end_time: string | null;
	duration: number | null;
	type: 'inbound' | 'outbound';
	end_reason: string | null;
	contact: { id: string; created_date: string; identifier: string; contact_type: 'call' | 'web' };
	phone_register_id: string | null;
	dynamic_variables: Record<string, unknown> | null;
	created_date: string;
}

/** `MessageResponse`, one line of a transcript. */
export interface MessageRecord {
	id: string;
	created_date: string;
	role: 'user' | 'assistant' | 'tool';
	content: string | null;
	tool_call: null;
}

export const CALL_IDS = {
	inboundDone: 'e0000000-0001-4000-8000-000000000001',
	outboundDone: 'e0000000-0002-4000-8000-000000000002',
	inboundLive: 'e0000000-0003-4000-8000-000000000003',
	contactAna: 'f0000000-0001-4000-8000-000000000001',
	contactLuis: 'f0000000-0002-4000-8000-000000000002',
} as const;

/**
 * Diga's date-times as its Python service writes them: `naive` is a `datetime` without a zone,
 * serialised without an offset and with microseconds (`2026-12-01T22:40:00.123000`), meaning UTC.
 */
export function pythonTime(ms: number, naive = true): string {
	const iso = new Date(ms).toISOString();
	return naive ? `${iso.slice(0, -1)}000` : iso;
}

/** A date-time as Diga (Python) reads it: one without an offset is UTC, whatever the test's TZ. */
export function readTime(text: string): number {
	return Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
}

/** A call with the fields a test does not care about filled in; `status` `completed` gives it an end. */
export function makeCall(id: string, created: string, overrides: Partial<CallRecord> = {}): CallRecord {
	const call: CallRecord = {
		id,
		agent_id: IDS.supportAgent,
		agent_version_id: IDS.supportV1,
		status: 'completed',
		recording_url: null,
		start_time: created,
		end_time: null,
		duration: null,
		type: 'inbound',
		end_reason: null,
		contact: { id: CALL_IDS.contactAna, created_date: '2026-01-05T08:00:00Z', identifier: '+34612345678', contact_type: 'call' },
		phone_register_id: IDS.receptionPhone,
		dynamic_variables: null,
		created_date: created,
		...overrides,
	};
	return call.status === 'completed' ? finishCall(call) : call;
}

/**
 * The call as Diga shows it once it has ended (a minute after it started unless it already has an
 * end), its end written as its creation is (with or without an offset).
 */
export function finishCall(call: CallRecord, endReason = 'user_hangup'): CallRecord {
	const naive = !/(?:Z|[+-]\d\d:?\d\d)$/i.test(call.created_date);
	const end = call.end_time ?? (naive ? pythonTime(readTime(call.created_date) + 60_000) : new Date(readTime(call.created_date) + 60_000).toISOString().replace('.000Z', 'Z'));
	return {
		...call,
		status: 'completed',
		end_time: end,
		duration: Math.round((readTime(end) - readTime(call.created_date)) / 1000),
		end_reason: call.end_reason ?? endReason,
		recording_url: call.recording_url ?? `https://recordings.diga.io/${call.id}.mp3`,
	};
}

/** Three calls, oldest first: two finished (one each way) and one still in progress. */
export function seedCalls(): CallRecord[] {
	return [
		makeCall(CALL_IDS.inboundDone, '2026-07-01T09:00:00Z'),
		makeCall(CALL_IDS.outboundDone, '2026-07-01T10:00:00Z', {
			type: 'outbound',
			agent_id: IDS.salesAgent,
			agent_version_id: IDS.salesV3,
			phone_register_id: IDS.outboundPhone,
			contact: { id: CALL_IDS.contactLuis, created_date: '2026-01-06T08:00:00Z', identifier: '+34698765432', contact_type: 'call' },
			dynamic_variables: { name: 'Luis' },
		}),
		makeCall(CALL_IDS.inboundLive, '2026-07-01T11:00:00Z', { status: 'in_progress', phone_register_id: IDS.supportPhone }),
	];
}

/** Transcripts by call id, each oldest line first. */
export function seedMessages(): Record<string, MessageRecord[]> {
	const line = (n: number, role: MessageRecord['role'], content: string): MessageRecord => ({
		id: `e1000000-0001-4000-8000-00000000000${n}`,
		created_date: `2026-07-01T09:00:0${n}Z`,
		role,
		content,
		tool_call: null,
	});
	return {
		[CALL_IDS.inboundDone]: [
			line(1, 'assistant', 'Hola, soy el asistente de recepción. ¿En qué puedo ayudarle?'),
			line(2, 'user', 'Quería cambiar mi cita del jueves.'),
			line(3, 'assistant', 'Claro, la paso al viernes a las diez.'),
			line(4, 'user', 'Perfecto, gracias.'),
		],
	};
}
