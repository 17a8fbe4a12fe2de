import type { INodeProperties } from 'n8n-workflow';

import { voiceLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import type { DigaSchemas } from '../../transport/types';

/**
 * The fields of `AgentUpdateRequest` an ops team edits, as Agent → Update offers them. Each is
 * sent only when added; their kinds decide how a value is checked (see update.operation.ts).
 */
export type DraftFieldKind = 'text' | 'seconds' | 'volume' | 'count' | 'milliseconds' | 'language' | 'voice' | 'boolean' | 'voicemailAction' | 'object' | 'texts';

export interface DraftField extends DigaField {
	kind: DraftFieldKind;
	/** Whether Diga takes `null` (an expression giving null clears the field in the draft). */
	nullable: boolean;
}

const field = (name: string, api: string, label: string, kind: DraftFieldKind, nullable = false): DraftField =>
	({ name, api, label, kind, nullable }) as const;

export const DRAFT_FIELDS: readonly DraftField[] = [
	field('name', 'name', 'Name', 'text', true),
	field('description', 'description', 'Description', 'text', true),
	field('prompt', 'prompt', 'Prompt', 'text', true),
	field('greeting', 'greeting', 'Greeting', 'text', true),
	field('timeBeforeStart', 'time_before_start', 'Time Before Start (Seconds)', 'seconds', true),
	field('voiceId', 'voice_id', 'Voice', 'voice'),
	field('volume', 'volume', 'Volume', 'volume'),
	field('language', 'language', 'Language', 'language'),
	field('maxReminderCount', 'max_reminder_count', 'Max Reminders', 'count'),
	field('reminderFrequencyMs', 'reminder_frequency_ms', 'Reminder Interval (Milliseconds)', 'milliseconds'),
	field('reminderMessages', 'reminder_messages', 'Reminder Messages', 'texts'),
	field('dynamicVariables', 'dynamic_variables', 'Dynamic Variables', 'object', true),
	field('voicemailDetection', 'voicemail_detection', 'Voicemail Detection', 'boolean'),
	field('voicemailAction', 'voicemail_action', 'Voicemail Action', 'voicemailAction'),
	field('voicemailMessage', 'voicemail_message', 'Voicemail Message', 'text', true),
];

const byName = (name: string) => DRAFT_FIELDS.find((f) => f.name === name)!;

/** `AvailableLanguages`: the compiler checks that every code of the spec has a name here. */
export const LANGUAGES: Record<DigaSchemas['AvailableLanguages'], string> = {
	es: 'Spanish', en: 'English', multi: 'Multilingual (Spanish and English in One Call)', ar: 'Arabic', be: 'Belarusian',
	bn: 'Bengali', bs: 'Bosnian', bg: 'Bulgarian', ca: 'Catalan', hr: 'Croatian', cs: 'Czech', da: 'Danish', nl: 'Dutch',
	et: 'Estonian', fi: 'Finnish', 'nl-BE': 'Flemish (Dutch, Belgium)', fr: 'French', de: 'German', 'de-CH': 'German (Switzerland)',
	el: 'Greek', he: 'Hebrew', hi: 'Hindi', hu: 'Hungarian', id: 'Indonesian', it: 'Italian', ja: 'Japanese', kn: 'Kannada',
	ko: 'Korean', lv: 'Latvian', lt: 'Lithuanian', mk: 'Macedonian', ms: 'Malay', mr: 'Marathi', no: 'Norwegian', fa: 'Persian',
	pl: 'Polish', pt: 'Portuguese', ro: 'Romanian', ru: 'Russian', sr: 'Serbian', sk: 'Slovak', sl: 'Slovenian', sv: 'Swedish',
	tl: 'Tagalog', ta: 'Tamil', te: 'Telugu', tr: 'Turkish', uk: 'Ukrainian', ur: 'Urdu', vi: 'Vietnamese',
};

/** `VoicemailAction`. */
export const VOICEMAIL_ACTIONS: Record<DigaSchemas['VoicemailAction'], string> = { leave_message: 'Leave a Message', hang_up: 'Hang Up' };

const text = (name: string, description: string, rows = 0): INodeProperties => ({
	displayName: byName(name).label,
	name,
	type: 'string',
	default: '',
	description,
	...(rows ? { typeOptions: { rows } } : {}),
});

const number = (name: string, defaultValue: number, description: string, typeOptions: INodeProperties['typeOptions']): INodeProperties => ({
	displayName: byName(name).label,
	name,
	type: 'number',
	default: defaultValue,
	description,
	typeOptions,
});

/** The "Update Fields" collection, in the alphabetical order n8n lists collection options in. */
export const draftFieldOptions: INodeProperties[] = [
	text('description', 'What the agent is for, shown in Diga next to it'),
	{
		displayName: byName('dynamicVariables').label,
		name: 'dynamicVariables',
		type: 'json',
		default: '{}',
		description:
			'Values for the {{variables}} in the prompt and messages, as a JSON object, e.g. {"company": "Acme"}. Replaces the agent’s variables; call-level variables override them.',
	},
	text('greeting', 'What the agent says first on every call, inbound and outbound. Multi-line text is kept as written.', 3),
	{
		displayName: byName('language').label,
		name: 'language',
		type: 'options',
		default: 'es',
		description: 'The language the agent speaks and understands',
		options: Object.entries(LANGUAGES)
			.map(([value, name]) => ({ name, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	},
	number('maxReminderCount', 3, 'How many times the agent prompts a silent caller; 0 turns reminders off', { minValue: 0, numberPrecision: 0 }),
	text('name', 'The agent’s name in Diga'),
	text('prompt', 'The instructions the agent follows on every call. Multi-line text is kept as written.', 10),
	number('reminderFrequencyMs', 7500, 'How long the caller may stay silent before a reminder, in milliseconds', { minValue: 1, numberPrecision: 0 }),
	{
		displayName: byName('reminderMessages').label,
		name: 'reminderMessages',
		type: 'string',
		default: [],
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Message', rows: 2 },
		description: 'What the agent says to a silent caller, in turn. Leave empty to let the agent word its reminders itself.',
	},
	number('timeBeforeStart', 0, 'How long the agent waits before it speaks, in seconds', { minValue: 0, numberPrecision: 2 }),
	voiceLocator(byName('voiceId'), 'The voice the agent speaks with'),
	number('volume', 50, 'The loudness of the agent’s voice: 50 leaves it as recorded, 0 is silent, 100 is the loudest', { minValue: 0, maxValue: 100, numberPrecision: 0 }),
	{
		displayName: byName('voicemailAction').label,
		name: 'voicemailAction',
		type: 'options',
		default: 'leave_message',
		description: 'What the agent does when an outbound call reaches a voicemail (with Voicemail Detection on)',
		options: Object.entries(VOICEMAIL_ACTIONS).map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: byName('voicemailDetection').label,
		name: 'voicemailDetection',
		type: 'boolean',
		default: false,
		description: 'Whether the agent detects that an outbound call reached a voicemail',
	},
	text('voicemailMessage', 'What the agent leaves on a voicemail; {{variables}} are filled in. Multi-line text is kept as written.', 4),
];
