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

	constructor(secrets: readonly string[]) {
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

	text(value: string): string {
		return this.pattern ? value.replace(this.pattern, REDACTED) : value;
	}

	/** A JSON value with every string (keys included) redacted; the same value when nothing matched. */
	json<T>(value: T): T {
		if (!this.pattern) return value;
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return value.map((entry: unknown) => this.json(entry)) as T;
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value as Record<string, unknown>).map(([key, entry]) => [this.text(key), this.json(entry)]),
			) as T;
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
