import type { DigaKnowledgeItem, DigaPhone, DigaVersionItem, DigaVoice } from '../transport/types';

/** How phones and agent versions are named in pickers. */

export function phoneLabel(phone: Pick<DigaPhone, 'number' | 'nickname'>): string {
	return phone.nickname ? `${phone.number} — ${phone.nickname}` : phone.number;
}

export function versionLabel(agentName: string | null | undefined, version: DigaVersionItem): string {
	const state = version.is_published ? ' (published)' : version.is_draft ? ' (draft)' : '';
	const name = version.version_name ? ` ${version.version_name}` : '';
	return `${agentName || 'Unnamed agent'} — v${version.version_number}${name}${state}`;
}

export function voiceLabel(voice: Pick<DigaVoice, 'name' | 'gender' | 'provider'>): string {
	const details = [voice.gender, voice.provider].filter((part) => typeof part === 'string' && part !== '');
	return details.length ? `${voice.name} (${details.join(', ')})` : voice.name;
}

const CATEGORY_LABELS: Record<string, string> = { txt: 'text', url: 'web page', file: 'file' };

export function knowledgeItemLabel(item: Pick<DigaKnowledgeItem, 'name' | 'category'>): string {
	return `${item.name} (${CATEGORY_LABELS[String(item.category)] ?? String(item.category)})`;
}
