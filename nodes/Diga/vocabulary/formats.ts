/** Diga ids are UUIDs; checking them before a request also keeps path-like input out of URLs. */
export const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** E.164: a plus, a country code and up to 15 digits. Spaces, dots, dashes and brackets are allowed and ignored. */
export const E164_REGEX = '^\\s*\\+[\\d\\s().-]{7,24}$';
