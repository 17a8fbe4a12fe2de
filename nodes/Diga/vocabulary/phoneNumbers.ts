/**
 * One number however it is written, for comparing numbers (the repeat guard, the phone listing):
 * separators dropped (`+34 612 34-56-78`), the `00` international prefix read as `+`, and the
 * forms Diga's Spanish numbers also come in (`34612345678`, `612345678`: nine digits starting
 * with 6–9) written as E.164 `+34…`, the form `CallRequest.to_number` takes. Anything else is
 * returned without its separators.
 */
export function canonicalPhoneNumber(value: string): string {
	const compact = value.trim().replace(/[\s().-]/g, '');
	if (/^00[1-9]\d+$/.test(compact)) return `+${compact.slice(2)}`;
	if (/^[6-9]\d{8}$/.test(compact)) return `+34${compact}`;
	if (/^34[6-9]\d{8}$/.test(compact)) return `+${compact}`;
	return compact;
}
