import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from '../limits';

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * Checks a new password: length first, then strength against dictionaries and the user's own
 * details. Returns a message that tells the user what to do, or null when the password is fine.
 */
export function checkNewPassword(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const result = zxcvbn.check(password, userInputs.filter(Boolean));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const hint = result.feedback.warning || result.feedback.suggestions[0] || '';
  return `This password is too easy to guess. ${hint} Try a few unrelated words or a password manager.`.replace(
    /\s+/g,
    ' ',
  );
}
