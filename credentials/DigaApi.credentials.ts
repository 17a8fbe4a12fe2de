import type {
	IAuthenticateGeneric,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** Tested by the Diga node (`testedBy: 'digaApiTest'`), so a failed test shows Diga's own message. */
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
}
