import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The base URL as typed, without trailing slashes or a trailing `/v1`, so that
 * `https://api.diga.io/`, `https://api.diga.io/v1` and `https://api.diga.io` all work.
 * Written as an expression because the credential test runs inside n8n, not in node code.
 */
const BASE_URL_EXPRESSION =
	'={{ String($credentials.baseUrl || "https://api.diga.io").trim().replace(/\\/+$/, "").replace(/\\/v1$/i, "") }}';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/phone/',
			qs: { limit: 1 },
		},
	};
}
