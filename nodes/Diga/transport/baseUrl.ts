export const DEFAULT_BASE_URL = 'https://api.diga.io';

function baseUrlText(raw: unknown): string {
	return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
}

/**
 * The API root without a trailing slash or `/v1`: scheme and host as the URL parser writes them
 * (so `HTTP://` works), without user info, query or fragment, which never belong in requests.
 */
export function normalizeBaseUrl(raw: unknown): string {
	const text = baseUrlText(raw);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return text.replace(/\/+$/, '').replace(/\/v1$/i, '');
	}
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
	return `${url.protocol}//${url.host}${path}`;
}

/** Why the credential's Base URL cannot be used, in words that never repeat a password; `undefined` when fine. */
export function baseUrlProblem(raw: unknown): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrlText(raw));
	} catch {
		return 'The Base URL in the Diga API credential is not a URL. Use e.g. https://api.diga.io';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return 'The Base URL in the Diga API credential must start with https:// (or http:// for a local server)';
	}
	if (url.username !== '' || url.password !== '') {
		return 'The Base URL in the Diga API credential contains a user name or password (user:…@host). Diga authenticates with the API key only: remove them from the Base URL.';
	}
	return undefined;
}
