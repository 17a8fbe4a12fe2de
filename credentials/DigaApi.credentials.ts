import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const BASE_URL_HINT = 'Check the Base URL: leave https://api.diga.io unless you use a Diga-compatible server.';

/** Fixed words for each HTTP status, so the Test never shows text the server chose (it could echo the key). */
function statusMessage(status: number): string {
	if (status === 401) return 'Diga did not accept the API key (HTTP 401). Copy the key again from Diga (Settings → API keys).';
	if (status === 403) return 'The API key lacks the phones.view permission (HTTP 403). Grant it in Diga, or use another key.';
	if (status === 404) return `No Diga phone list at this Base URL (HTTP 404). ${BASE_URL_HINT}`;
	if (status === 429) return 'Diga is rate-limiting this API key (HTTP 429). Try again in a minute.';
	if (status >= 300 && status < 400) {
		return `The Base URL redirects elsewhere (HTTP ${status}); the Test does not follow redirects, so the key stays at the Base URL. Enter the final address as Base URL.`;
	}
	if (status >= 500) return `The server at the Base URL failed (HTTP ${status}). If the Base URL is right, Diga has a problem: try again later.`;
	return `The server at the Base URL refused the Test (HTTP ${status}). ${BASE_URL_HINT}`;
}

/** Every non-2xx status an HTTP server can send (300–599), each with its own fixed message. */
const STATUS_RULES: IAuthenticateRuleResponseCode[] = Array.from({ length: 300 }, (_, index) => 300 + index).map((value) => ({
	type: 'responseCode',
	properties: { value, message: statusMessage(value) },
}));

/**
 * A 2xx answer passes only if it looks like Diga's phone list (`data` array, `has_more`). n8n fails
 * the Test when the value at `key` equals `value`, so `undefined` means "missing": an HTML page, a
 * JSON without `data` or `has_more`, or a `data` that is not a list (no `length`).
 */
const NOT_A_PHONE_LIST = `The Base URL answered, but not with Diga's phone list. ${BASE_URL_HINT}`;
const BODY_RULES: IAuthenticateRuleResponseSuccessBody[] = ['data.length', 'has_more'].map((key) => ({
	type: 'responseSuccessBody',
	properties: { key, value: undefined, message: NOT_A_PHONE_LIST },
}));

export class DigaApi implements ICredentialType {
	name = 'digaApi';

	displayName = 'Diga API';

	icon: Icon = { light: 'file:../nodes/Diga/diga.svg', dark: 'file:../nodes/Diga/diga.dark.svg' };

	documentationUrl = 'https://docs.diga.io';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API key created in the Diga dashboard (Settings → API keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.diga.io',
			description:
				'Change only for a staging or self-hosted Diga-compatible server. A trailing slash or /v1 is fine.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	/** The "Test" button: lists one phone with the key, as the node's pickers do. */
	test: ICredentialTestRequest = {
		request: {
			// Same normalisation as the node: no trailing slash, no /v1, empty means Diga.
			baseURL: "={{ ($credentials.baseUrl || '').trim().replace(/\\/+$/, '').replace(/\\/v1$/i, '') || 'https://api.diga.io' }}",
			url: '/v1/phone/',
			qs: { limit: 1 },
			// n8n's helpers resend the Authorization header on a redirect, even to another origin.
			disableFollowRedirect: true,
		},
		// n8n's type wants one kind of rule per list; its tester checks each rule's own `type`.
		rules: [...STATUS_RULES, ...BODY_RULES] as ICredentialTestRequest['rules'],
	};
}
