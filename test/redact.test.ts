import { Redactor, REDACTED, withoutSecretKeys } from '../nodes/Diga/transport/redact';
import type { INode } from 'n8n-workflow';
import { unexpectedBodyError } from '../nodes/Diga/transport/errors';

const KEY = 'diga_live_key_123456';
const phone = { id: 'p1', phone_number: '+34911234567', sip_config: { host: 'sip.example.com', port: 5060 }, tags: ['a', 'b'] };

describe('answers pass through the secret filters', () => {
	test('an answer with no secret comes back as it came, not as a copy', () => {
		const redactor = new Redactor([KEY]);
		expect(redactor.json(phone)).toBe(phone);
		expect(withoutSecretKeys(phone)).toBe(phone);
		expect(withoutSecretKeys([phone, phone])).toEqual([phone, phone]);
	});

	test('the API key is replaced in values and keys, at any depth; the answer itself is left as it was', () => {
		const answer = { message: `bad key ${KEY}`, detail: [{ loc: ['header', KEY.toUpperCase()] }], [KEY]: 1, ok: phone };
		const redacted = new Redactor([KEY]).json(answer);
		expect(redacted).toEqual({ message: `bad key ${REDACTED}`, detail: [{ loc: ['header', REDACTED] }], [REDACTED]: 1, ok: phone });
		expect(redacted.ok).toBe(phone); // the parts without the key are not copied
		expect(answer.message).toBe(`bad key ${KEY}`);
	});

	test('a password key is dropped at any depth; the rest of the answer stays', () => {
		const answer = { ...phone, sip_config: { host: 'sip.example.com', Password: 's3cret-pass' }, list: [{ password: 'x1x1' }] };
		expect(withoutSecretKeys(answer)).toEqual({ ...phone, sip_config: { host: 'sip.example.com' }, list: [{}] });
		expect(answer.sip_config.Password).toBe('s3cret-pass');
	});
});

describe('each secret is found in every spelling an answer may carry it in (issue 23)', () => {
	const PASSWORD = `Tr0nk"s3c<r>&'/\\ é+x`;
	const redactor = new Redactor([KEY, PASSWORD]);
	const html = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
	const spellings: Array<[string, (secret: string) => string]> = [
		['as typed', (s) => s],
		['in upper case', (s) => s.toUpperCase()],
		['JSON-escaped', (s) => JSON.stringify(s).slice(1, -1)],
		['JSON-escaped twice', (s) => JSON.stringify(JSON.stringify(s)).slice(3, -3)],
		['JSON with \\u escapes (ensure_ascii)', (s) => JSON.stringify(s).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
		['all \\u escapes', (s) => s.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
		['HTML-escaped (&amp; &lt; &quot; &#39;)', html],
		['HTML-escaped twice', (s) => html(html(s))],
		['decimal entities', (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('')],
		['hex entities, no semicolon, leading zeros', (s) => [...s].map((c) => `&#x00${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('')],
		['HTML-escaped JSON', (s) => html(JSON.stringify(s)).slice(6, -6)],
		['encodeURIComponent', encodeURIComponent],
		['form-encoded (+ for a space)', (s) => new URLSearchParams({ a: s }).toString().slice(2)],
		['URL-encoded twice', (s) => encodeURIComponent(encodeURIComponent(s))],
	];

	test.each(spellings)('%s', (_name, spell) => {
		for (const secret of [KEY, PASSWORD]) {
			expect(redactor.text(`before ${spell(secret)} after`)).toBe(`before ${REDACTED} after`);
			expect(redactor.json({ message: `x${spell(secret)}` })).toEqual({ message: `x${REDACTED}` });
		}
	});

	test('text around the secret is kept as written, escapes included', () => {
		expect(redactor.text(`a &amp; b %2F ${JSON.stringify(KEY)} \\n`)).toBe(`a &amp; b %2F "${REDACTED}" \\n`);
		const url = 'https://storage.example.com/a.mp3?X-Amz-Credential=AKIA%2F2025%2Fs3&sig=ab&amp;c';
		expect(redactor.text(url)).toBe(url);
	});

	test('an excerpt of a body cut off mid-secret shows no part of it', () => {
		const body = `denied ${KEY} ${'y'.repeat(40)}${KEY.slice(0, 12)}`;
		expect(redactor.excerpt(body, 300, true)).toBe(`denied ${REDACTED} ${'y'.repeat(40)}${KEY.slice(0, 12)}`);
		const cut = redactor.excerpt(body, 300, false);
		expect(cut).not.toContain(KEY.slice(0, 4));
		expect(cut.startsWith(`denied ${REDACTED}`)).toBe(true);
		expect(redactor.excerpt(`${KEY} ${'z'.repeat(1000)}`, 20, true)).toBe(`${REDACTED} ${'z'.repeat(9)}`);
	});

	test('nothing to redact: the same string and object come back', () => {
		const text = 'Reception line 100% & more \\ +34911234567';
		expect(redactor.text(text)).toBe(text);
		const answer = { note: text, phone };
		expect(redactor.json(answer)).toBe(answer);
	});
});

describe('an answer quoted in an error shows no header value, even from a client that keeps them (keepHeaderValues)', () => {
	test('a page that is not a list quotes the integrations without their header values or auth keys', () => {
		const page = { data: { id: 'x', headers: { Authorization: 'Bearer someone-elses-token' }, auth_key: 'their-key' } };
		const error = unexpectedBodyError({ name: 'Diga' } as INode, 'a page of integrations', page);
		expect(String(error.description)).not.toContain('someone-elses-token');
		expect(String(error.description)).not.toContain('their-key');
		expect(String(error.description)).toContain(`"Authorization":"${REDACTED}"`);
	});
});
