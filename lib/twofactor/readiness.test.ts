import { describe, expect, it } from 'vitest';
import { isReadyForTwoFactor } from './readiness';

const company = (over = {}) => ({ allowTotp: true, allowDuo: false, allowPasskeys: true, ...over });
const user = (over = {}) => ({ isApiAccount: false, preferredMethod: null, ...over });

describe('isReadyForTwoFactor', () => {
  it.each([
    ['nothing set up: the code by email alone is not ready', company(), user(), 'off', false, false],
    ['authenticator app', company(), user(), 'on', false, true],
    ['authenticator app pending', company(), user(), 'pending', false, false],
    ['authenticator app the company does not allow', company({ allowTotp: false }), user(), 'on', false, false],
    ['passkey', company(), user(), 'off', true, true],
    ['passkey the company does not allow', company({ allowPasskeys: false }), user(), 'off', true, false],
    ['Duo through Duo Setup', company({ allowDuo: true }), user({ preferredMethod: 'duo' }), 'off', false, true],
    ['Duo chosen, Duo not allowed', company(), user({ preferredMethod: 'duo' }), 'off', false, false],
    [
      'the company allows codes only: everyone is ready',
      company({ allowTotp: false, allowPasskeys: false }),
      user(),
      'off',
      false,
      true,
    ],
    ['API account: nothing to prepare', company(), user({ isApiAccount: true }), 'off', false, true],
  ] as const)('%s', (_name, c, u, totp, hasPasskey, ready) => {
    expect(isReadyForTwoFactor({ company: c, user: u, totp, hasPasskey })).toBe(ready);
  });
});
