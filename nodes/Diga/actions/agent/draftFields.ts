import type { INodeProperties } from 'n8n-workflow';

import { clearFieldsOption } from '../../descriptions/clearFields';
import { idListField, idTextField } from '../../descriptions/idLists';
import { knowledgeBaseLocator, knowledgeItemLocator, voiceLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import type { DigaSchemas } from '../../transport/types';

/**
 * The fields of `AgentUpdateRequest` an ops team edits, as Agent → Update offers them. Each is
 * sent only when added; their kinds decide how a value is checked (see update.operation.ts).
 */
export type DraftFieldKind =
	| 'text' | 'seconds' | 'volume' | 'count' | 'milliseconds' | 'language' | 'voice' | 'boolean' | 'voicemailAction' | 'object' | 'texts'
	| 'choice' | 'ids' | 'idText' | 'callTools' | 'keys';

export interface DraftField extends DigaField {
	kind: DraftFieldKind;
	/** Whether Diga takes `null` (an expression giving null clears the field in the draft). */
	nullable: boolean;
	/** `choice`: the values Diga takes, with their names. */
	choices?: Readonly<Record<string, string>>;
}

const field = (name: string, api: string, label: string, kind: DraftFieldKind, nullable = false, choices?: Record<string, string>): DraftField =>
	({ name, api, label, kind, nullable, ...(choices ? { choices } : {}) }) as const;

/** `BackgroundAudio`. */
export const BACKGROUND_AUDIO: Record<DigaSchemas['BackgroundAudio'], string> = {
	call_center: 'Call Center', cafe: 'Café', road_traffic: 'Road Traffic', park: 'Park', office: 'Office', car_garage: 'Car Garage',
};
/** `PhoneMenuAction`. */
export const PHONE_MENU_ACTIONS: Record<DigaSchemas['PhoneMenuAction'], string> = { navigate: 'Navigate the Menu', hang_up: 'Hang Up' };
/** `PhoneMenuNavigationMode`. */
export const PHONE_MENU_MODES: Record<DigaSchemas['PhoneMenuNavigationMode'], string> = { goal: 'Towards a Goal', key_sequence: 'Press a Key Sequence' };

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
	field('knowledgeBaseIds', 'knowledge_base_ids', 'Knowledge Bases', 'ids', true),
	field('knowledgeItemIds', 'knowledge_item_ids', 'Knowledge Items', 'ids', true),
	// The same two lists as IDs, e.g. from an expression (n8n drops an expression set on a whole list above).
	field('knowledgeBaseIdList', 'knowledge_base_ids', 'Knowledge Base IDs', 'idText', true),
	field('knowledgeItemIdList', 'knowledge_item_ids', 'Knowledge Item IDs', 'idText', true),
	field('backgroundAudio', 'background_audio', 'Background Audio', 'choice', true, BACKGROUND_AUDIO),
	field('phoneMenuDetection', 'phone_menu_detection', 'Phone Menu Detection', 'boolean'),
	field('phoneMenuAction', 'phone_menu_action', 'Phone Menu Action', 'choice', false, PHONE_MENU_ACTIONS),
	field('phoneMenuNavigationMode', 'phone_menu_navigation_mode', 'Phone Menu Navigation Mode', 'choice', false, PHONE_MENU_MODES),
	field('phoneMenuGoal', 'phone_menu_goal', 'Phone Menu Goal', 'text', true),
	field('phoneMenuKeySequence', 'phone_menu_key_sequence', 'Phone Menu Key Sequence', 'keys', true),
	field('callTools', 'call_tools', 'Call Tools', 'callTools', true),
];

const byName = (name: string) => DRAFT_FIELDS.find((f) => f.name === name)!;

/** What Clear Fields sends for each field it may empty: an empty field itself is never sent. */
export const CLEARABLE: ReadonlyArray<{ field: DraftField; empty: unknown }> = [
	...['description', 'greeting', 'voicemailMessage'].map((name) => ({ field: byName(name), empty: '' })),
	...['knowledgeBaseIds', 'knowledgeItemIds', 'callTools', 'reminderMessages'].map((name) => ({ field: byName(name), empty: [] })),
	{ field: byName('dynamicVariables'), empty: {} },
];

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

const choice = (name: string, defaultValue: string, description: string): INodeProperties => ({
	displayName: byName(name).label,
	name,
	type: 'options',
	default: defaultValue,
	description,
	options: Object.entries(byName(name).choices ?? {}).map(([value, label]) => ({ name: label, value })).sort((a, b) => a.name.localeCompare(b.name)),
});

const ids = (name: string, picker: INodeProperties, add: string, description: string): INodeProperties => idListField(byName(name), picker, add, description);

const EMPTY_LIST = 'An empty list is not sent (to empty it, use Clear Fields).';

/** The "Update Fields" collection, in the alphabetical order n8n lists collection options in. */
export const draftFieldOptions: INodeProperties[] = [
	choice('backgroundAudio', 'office', 'The background sound on the agent’s calls'),
	{
		displayName: byName('callTools').label,
		name: 'callTools',
		type: 'json',
		default: '[]',
		description: `The agent’s built-in call tools as Diga takes them, e.g. [{"type": "transfer_call", "name": "transfer_to_owner", "target_number": "+34600112233"}]. Replaces all of them; to change one transfer number use Agent → Set Transfer Number. ${EMPTY_LIST}`,
	},
	clearFieldsOption(CLEARABLE.map(({ field }) => field), 'the agent’s draft'),
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
	idTextField(byName('knowledgeBaseIdList'), 'knowledge bases', `Instead of Knowledge Bases: the knowledge bases the agent draws on, replacing its list. ${EMPTY_LIST}`),
	ids('knowledgeBaseIds', knowledgeBaseLocator({ name: 'id', label: 'Knowledge Base' }, 'A knowledge base, by its Diga ID'), 'Add Knowledge Base', `The knowledge bases the agent draws on: replaces its list. ${EMPTY_LIST} For a list from an expression use Knowledge Base IDs.`),
	idTextField(byName('knowledgeItemIdList'), 'knowledge items', `Instead of Knowledge Items: the items the agent draws on directly, replacing its list. ${EMPTY_LIST}`),
	ids('knowledgeItemIds', knowledgeItemLocator({ name: 'id', label: 'Knowledge Item' }, 'A knowledge item, by its Diga ID'), 'Add Knowledge Item', `Knowledge items the agent draws on directly, outside any base: replaces its list. ${EMPTY_LIST} For a list from an expression use Knowledge Item IDs.`),
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
	choice('phoneMenuAction', 'navigate', 'What the agent does when an outbound call reaches a phone menu (with Phone Menu Detection on)'),
	{
		displayName: byName('phoneMenuDetection').label,
		name: 'phoneMenuDetection',
		type: 'boolean',
		default: false,
		description: 'Whether the agent detects automated phone menus (IVR) on outbound calls',
	},
	text('phoneMenuGoal', 'What the agent tries to reach in a phone menu, in plain words, e.g. a human in billing (Navigation Mode: Towards a Goal)'),
	text('phoneMenuKeySequence', 'The keys the agent presses in a phone menu, in order: 0-9, * and #, separated by commas, e.g. 1,3,5 (Navigation Mode: Press a Key Sequence)'),
	choice('phoneMenuNavigationMode', 'goal', 'How the agent finds its way through a phone menu'),
	text('prompt', 'The instructions the agent follows on every call. Multi-line text is kept as written.', 10),
	number('reminderFrequencyMs', 7500, 'How long the caller may stay silent before a reminder, in milliseconds', { minValue: 1, numberPrecision: 0 }),
	{
		displayName: byName('reminderMessages').label,
		name: 'reminderMessages',
		type: 'string',
		default: [],
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Message', rows: 2 },
		description: `What the agent says to a silent caller, in turn. ${EMPTY_LIST} Emptied, the agent words its reminders itself.`,
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
