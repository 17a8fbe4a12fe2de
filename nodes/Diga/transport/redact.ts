import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { MAY_BE_ESCAPED, unescapedLayers } from './escapes';

export const REDACTED = '[redacted]';

/** Shorter values would blank out ordinary words; no real key or password is this short. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A secret as typed, in any letter case; a space and a `+` stand for each other (form encoding). */
function literalPattern(secret: string): string {
	return escapeRegExp(secret).replace(/ |\\\+/g, '[ +]');
}

/**
 * Replaces every occurrence of the credential's secrets, in any letter case and in any escaped
 * spelling (JSON, HTML, URL, nested: transport/escapes.ts), so that nothing that comes back (an API
 * answer, an error body, a web page, a download's file name) carries them on. One code path for all.
 */
export class Redactor {
	private readonly pattern?: RegExp;
	/** The same, not global: `test` keeps no position between texts. */
	private readonly anywhere?: RegExp;
	/** Escape characters the secrets hold themselves (`\\`, `&`, `%`): their kinds are also undone alone. */
	private readonly heldEscapes: string[] = [];

	constructor(private readonly secrets: readonly string[]) {
		// Longest first, so a secret containing another is replaced whole.
		const kept = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
		if (kept.length === 0) return;
		const source = kept.map(literalPattern).join('|');
		this.pattern = new RegExp(source, 'gi');
		this.anywhere = new RegExp(source, 'i');
		this.heldEscapes = ['\\', '&', '%'].filter((char) => kept.some((secret) => secret.includes(char)));
	}

	/** This redactor plus the secrets one request carries (e.g. a SIP password in its body). */
	with(extra: readonly string[]): Redactor {
		return extra.length ? new Redactor([...this.secrets, ...extra]) : this;
	}

	/** Where `text` spells a secret, as [start, end) pairs in order, overlaps merged. */
	private spans(text: string): Array<[number, number]> {
		const pattern = this.pattern!;
		const found: Array<[number, number]> = [];
		for (const match of text.matchAll(pattern)) found.push([match.index, match.index + match[0].length]);
		// The cheap check first: most texts have no backslash, ampersand or percent sign to undo.
		if (MAY_BE_ESCAPED.test(text)) {
			for (const layer of unescapedLayers(text, this.heldEscapes)) {
				for (const match of layer.text.matchAll(pattern)) {
					found.push([layer.from[match.index], layer.to[match.index + match[0].length - 1]]);
				}
			}
			found.sort((a, b) => a[0] - b[0]);
		}
		const merged: Array<[number, number]> = [];
		for (const span of found) {
			const last = merged[merged.length - 1];
			if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
			else merged.push([...span]);
		}
		return merged;
	}

	/** `text` with every secret replaced; the same string when there is none. */
	text(value: string): string {
		return this.excerpt(value, Infinity, true);
	}

	/**
	 * At most `maxChars` of `text`, redacted, for an error message. `whole`: false when `text` is only
	 * the start of a longer body, whose cut may have split a secret: only its first half is shown
	 * (a secret spelt across the middle is found whole in the rest).
	 */
	excerpt(text: string, maxChars: number, whole: boolean): string {
		const end = whole ? text.length : Math.floor(text.length / 2);
		const clean = !this.anywhere || (!MAY_BE_ESCAPED.test(text) && !this.anywhere.test(text));
		const spans = clean ? [] : this.spans(text);
		if (spans.length === 0) return end >= text.length && maxChars >= text.length ? text : text.slice(0, Math.min(end, maxChars));
		let shown = '';
		let at = 0;
		for (const [start, stop] of spans) {
			if (start >= end) break;
			shown += text.slice(at, start) + REDACTED;
			at = stop;
			if (shown.length >= maxChars) return shown.slice(0, maxChars);
		}
		if (at < end) shown += text.slice(at, end);
		return shown.slice(0, maxChars);
	}

	/** A JSON value with every string (keys included) redacted; the same value when nothing matched. */
	json<T>(value: T): T {
		if (!this.pattern) return value;
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return arrayUnlessChanged(value, value.map((entry: unknown) => this.json(entry))) as T;
		if (value && typeof value === 'object') {
			return objectUnlessChanged(value, Object.entries(value).map(([key, entry]) => [this.text(key), this.json(entry)])) as T;
		}
		return value;
	}
}

/** The API key, and the password of a base URL that carries one (raw and decoded). */
export function credentialSecrets(data: ICredentialDataDecryptedObject): string[] {
	const secrets = [String(data.apiKey ?? '')];
	const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(String(data.baseUrl ?? '').trim());
	if (match) {
		const userInfo = match[1];
		const password = userInfo.includes(':') ? userInfo.slice(userInfo.indexOf(':') + 1) : userInfo;
		secrets.push(userInfo, password);
		try {
			secrets.push(decodeURIComponent(password));
		} catch {
			// not percent-encoded: the raw form is already listed
		}
	}
	return secrets;
}

/**
 * Keys whose values are secrets wherever they appear in an answer: a SIP `password` (Diga may echo
 * it), an integration's `auth_key` (its answer has the field; the spec does not say it is masked).
 */
const SECRET_KEY = /^(password|auth_key)$/i;

/** Keys whose object holds secrets as its values: an integration's or an HTTP tool's custom `headers` (names kept). */
const SECRET_VALUES_KEY = /^headers$/i;

/** Header values: a record of strings (a JSON Schema named `headers`, e.g. in an MCP tool's parameters, has a `type`). */
function isHeaderMap(value: unknown): value is Record<string, string> {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !('type' in value) && Object.values(value).every((entry) => typeof entry === 'string');
}

/**
 * A JSON value without any secret key (`password`, `auth_key`) and with header values redacted, at any
 * depth; the same value when there is none. `keepHeaderValues`: header values stay (only a client that
 * compares its own headers and outputs nothing it reads asks for it).
 */
export function withoutSecretKeys<T>(value: T, keepHeaderValues = false): T {
	if (Array.isArray(value)) return arrayUnlessChanged(value, value.map((entry: unknown) => withoutSecretKeys(entry, keepHeaderValues))) as T;
	if (value && typeof value === 'object') {
		return objectUnlessChanged(
			value,
			Object.entries(value)
				.filter(([key]) => !SECRET_KEY.test(key))
				.map(([key, entry]) => [
					key,
					!keepHeaderValues && SECRET_VALUES_KEY.test(key) && isHeaderMap(entry) ? redactedValues(entry) : withoutSecretKeys(entry, keepHeaderValues),
				]),
		) as T;
	}
	return value;
}

/** Header names kept, every value redacted; the same object when all already are. */
function redactedValues(headers: Record<string, string>): Record<string, string> {
	return objectUnlessChanged(headers, Object.keys(headers).map((name) => [name, REDACTED])) as Record<string, string>;
}

// The two below keep an answer that needed no change as it came (no copy of every record of a bulk run).

/** `mapped` as an object, or `value` itself when `mapped` holds its own entries unchanged. */
function objectUnlessChanged(value: object, mapped: Array<[string, unknown]>): object {
	const own = Object.entries(value);
	const same = mapped.length === own.length && mapped.every(([key, entry], index) => key === own[index][0] && entry === own[index][1]);
	return same ? value : Object.fromEntries(mapped);
}

/** `mapped`, or `value` itself when no entry changed. */
function arrayUnlessChanged(value: unknown[], mapped: unknown[]): unknown[] {
	return mapped.every((entry, index) => entry === value[index]) ? value : mapped;
}

/** The secrets a request body carries (`password`, `auth_key`, header values): redacted from everything its answer brings back. */
export function secretsOf(body: unknown): string[] {
	if (Array.isArray(body)) return body.flatMap(secretsOf);
	if (!body || typeof body !== 'object') return [];
	return Object.entries(body as Record<string, unknown>).flatMap(([key, entry]) => {
		if (SECRET_KEY.test(key) && typeof entry === 'string') return [entry];
		if (SECRET_VALUES_KEY.test(key) && isHeaderMap(entry)) return Object.values(entry);
		return secretsOf(entry);
	});
}
