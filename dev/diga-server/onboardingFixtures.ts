/** Seed agent templates, call logs and traces for the test server, shaped like the spec's response schemas. */
import { CALL_IDS } from './fixtures';

/** `AgentTemplateResponse`, with the settings an agent copied from it gets. */
export interface TemplateRecord {
	id: string;
	name: string;
	language: string;
	description: string | null;
	setup_guide_url: string | null;
	template: Record<string, unknown>;
	variables: string[];
	resource_placeholders: null;
}

/** `CallLogResponse`. */
export interface CallLogRecord {
	id: string;
	timestamp: string;
	level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';
	category: string;
	event: string;
	call_id: string | null;
	trace_id: string | null;
	data: Record<string, unknown> | null;
}

export const TEMPLATE_IDS = {
	clinicReception: '70000000-0001-4000-8000-000000000001',
	restaurantBooking: '70000000-0002-4000-8000-000000000002',
	englishSupport: '70000000-0003-4000-8000-000000000003',
} as const;

/** A project agents can be duplicated into (`DuplicateAgentRequest.target_project_id`). */
export const PROJECT_IDS = { clients: '71000000-0001-4000-8000-000000000001' } as const;

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

export function seedTemplates(): TemplateRecord[] {
	const template = (id: string, name: string, language: string, prompt: string, variables: string[]): TemplateRecord => ({
		id,
		name,
		language,
		description: `${name}: answers the phone for a client`,
		setup_guide_url: null,
		template: { name, language, prompt, greeting: `Hola, ha llamado a <<company>>.` },
		variables,
		resource_placeholders: null,
	});
	return [
		template(TEMPLATE_IDS.clinicReception, 'Clinic reception', 'es', 'Eres la recepción de <<company>>. Horario: <<hours>>.', ['company', 'hours']),
		template(TEMPLATE_IDS.restaurantBooking, 'Restaurant booking', 'es', 'Reservas de mesa para <<company>>.', ['company']),
		template(TEMPLATE_IDS.englishSupport, 'Support desk', 'en', 'You answer support calls for <<company>>.', ['company']),
	];
}

/** The logs of the finished inbound call, newest first as Diga lists them by default. */
export function seedCallLogs(): Record<string, CallLogRecord[]> {
	const log = (n: number, level: CallLogRecord['level'], category: string, event: string, data: Record<string, unknown> | null): CallLogRecord => ({
		id: `72000000-0001-4000-8000-00000000000${n}`,
		timestamp: `2026-07-01T09:00:0${n}Z`,
		level,
		category,
		event,
		call_id: CALL_IDS.inboundDone,
		trace_id: TRACE_ID,
		data,
	});
	return {
		[CALL_IDS.inboundDone]: [
			log(1, 'INFO', 'CALL_LIFECYCLE', 'call_started', null),
			log(2, 'INFO', 'KNOWLEDGE', 'knowledge_searched', { query: 'horario jueves' }),
			log(3, 'WARNING', 'CALL_TOOLS', 'transfer_failed', { failure_reason: 'target busy' }),
			log(4, 'INFO', 'CALL_LIFECYCLE', 'call_ended', { end_reason: 'user_hangup' }),
		],
	};
}

/** `TraceResponse` of the finished inbound call: one root span with one child. */
export function seedTraces(): Record<string, Record<string, unknown>> {
	return {
		[CALL_IDS.inboundDone]: {
			id: TRACE_ID,
			call_id: CALL_IDS.inboundDone,
			root_service: 'voice-gateway',
			start_time: '2026-07-01T09:00:00Z',
			end_time: '2026-07-01T09:01:00Z',
			duration_ms: 60000,
			span_count: 2,
			spans: [
				{
					id: 'a1b2c3d4e5f60001',
					parent_span_id: null,
					operation_name: 'call',
					service_name: 'voice-gateway',
					start_time: '2026-07-01T09:00:00Z',
					duration_ms: 60000,
					status: 'OK',
					tags: { direction: 'inbound' },
					children: [
						{
							id: 'a1b2c3d4e5f60002',
							parent_span_id: 'a1b2c3d4e5f60001',
							operation_name: 'transfer_call',
							service_name: 'agent-runtime',
							start_time: '2026-07-01T09:00:03Z',
							duration_ms: 1200,
							status: 'ERROR',
							tags: { target: '+34600112233' },
							children: null,
						},
					],
				},
			],
		},
	};
}
