import type { IDataObject } from 'n8n-workflow';

/**
 * Whether a delivery provably comes from Diga. Diga documents that deliveries carry a
 * `Diga-Signature` header made with the webhook's secret, but not how it is computed (nor the
 * body's shape): a check written now would be a guess, and a wrong guess either rejects Diga's own
 * deliveries or accepts forged ones. So nothing is checked and every delivery is only a hint: the
 * data always comes from Diga's API, with the credential, and look-ups are rate-bounded. This is the
 * one place to check the signature once Diga documents it (a signed delivery then skips the bound).
 */
export function isSignedByDiga(_headers: IDataObject, _secret: string | undefined): boolean {
	return false;
}
