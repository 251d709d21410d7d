import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { fail, ok, type Result } from '../result';

/** The number types that can receive a text: a landline cannot, and "either" is common in the US. */
const TEXTABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * Validates a mobile number typed by an admin and returns it in E.164 (+447911123456), or null
 * for an empty field. The full metadata ("max") is needed to tell mobiles from landlines.
 */
export function parseMobile(input: string): Result<string | null> {
  const value = input.trim();
  if (!value) return ok(null);
  const phone = parsePhoneNumberFromString(value);
  if (!phone) return fail('Enter a full mobile number with its country code, like +44 7911 123456.');
  if (!phone.isValid()) {
    return fail(
      `That isn’t a valid number for +${phone.countryCallingCode}: check the digits. (Numbers reserved for TV and examples are refused too.)`,
    );
  }
  const type = phone.getType();
  if (!type || !TEXTABLE.has(type))
    return fail('This looks like a landline. Enter a mobile number that can receive text messages.');
  return ok(phone.number);
}
