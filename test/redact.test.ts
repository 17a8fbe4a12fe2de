import { Redactor, REDACTED, withoutSecretKeys } from '../nodes/Diga/transport/redact';

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
