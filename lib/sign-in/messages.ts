/** What the sign-in says when it cannot go on; one wording each, shared by pages and actions. */
export const EXPIRED_MESSAGE = 'This sign-in has expired. Sign in again with your password.';
export const TOO_MANY_FOR_CHALLENGE_MESSAGE =
  'Too many wrong codes for this sign-in. Sign in again with your password.';
export const METHOD_UNAVAILABLE_MESSAGE = 'That method is not available for your account. Choose another one.';
export const INVALID_PASSWORD_MESSAGE = 'That email, username or password is not right. Check them and try again.';
export const API_ACCOUNT_MESSAGE = 'This is an API account: it calls the HTTP API and cannot sign in to the web app.';
