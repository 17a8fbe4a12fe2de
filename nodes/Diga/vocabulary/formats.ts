/** Diga ids are UUIDs; checking them before a request also keeps path-like input out of URLs. */
export const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** E.164: a plus, a country code and up to 15 digits. Spaces, dots, dashes and brackets are allowed and ignored. */
export const E164_REGEX = '^\\s*\\+[\\d\\s().-]{7,24}$';

/** What a phone field takes in any of its modes: a phone id or a number (README: "either, whatever its mode"). */
export const PHONE_ID_OR_NUMBER_REGEX = `${UUID_REGEX}|${E164_REGEX}`;
