import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Shorter values would blank out ordinary words; no real key or password is this short. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of the credential's secrets, in any letter case and URL-encoded
 * too, so that nothing an answer echoes (an error body, an HTML page, a record) carries them on.
 */
export class Redactor {
	private readonly pattern?: RegExp;

	constructor(private readonly secrets: readonly string[]) {
		const forms = new Set<string>();
		for (const secret of secrets) {
			if (secret.length < MIN_SECRET_LENGTH) continue;
			forms.add(secret);
			forms.add(encodeURIComponent(secret));
		}
		// Longest first, so a secret containing another is replaced whole.
		const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
		if (sorted.length) this.pattern = new RegExp(sorted.join('|'), 'gi');
	}

	/** This redactor plus the secrets one request carries (e.g. a SIP password in its body). */
	with(extra: readonly string[]): Redactor {
		return extra.length ? new Redactor([...this.secrets, ...extra]) : this;
	}

	text(value: string): string {
		return this.pattern ? value.replace(this.pattern, REDACTED) : value;
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

/** Keys whose values are secrets wherever they appear in an answer (Diga may echo a SIP password). */
const SECRET_KEY = /^password$/i;

/** A JSON value without any `password` key, at any depth; the same value when there is none. */
export function withoutSecretKeys<T>(value: T): T {
	if (Array.isArray(value)) return arrayUnlessChanged(value, value.map((entry: unknown) => withoutSecretKeys(entry))) as T;
	if (value && typeof value === 'object') {
		return objectUnlessChanged(
			value,
			Object.entries(value)
				.filter(([key]) => !SECRET_KEY.test(key))
				.map(([key, entry]) => [key, withoutSecretKeys(entry)]),
		) as T;
	}
	return value;
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

/** The string values under `password` keys of a request body: redacted from everything its answer brings back. */
export function secretsOf(body: unknown): string[] {
	if (Array.isArray(body)) return body.flatMap(secretsOf);
	if (!body || typeof body !== 'object') return [];
	return Object.entries(body as Record<string, unknown>).flatMap(([key, entry]) =>
		SECRET_KEY.test(key) && typeof entry === 'string' ? [entry] : secretsOf(entry),
	);
}
