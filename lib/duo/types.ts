import type { Failure } from '../result';

/** What a device can do, as preauth lists it. */
export type DuoCapability = 'auto' | 'push' | 'sms' | 'phone' | 'mobile_otp' | (string & {});

export type DuoDevice = {
  /** The device's id, passed back to /auth as `device`. */
  device: string;
  type: 'phone' | 'token' | (string & {});
  capabilities?: DuoCapability[];
  display_name?: string;
  name?: string;
  number?: string;
  sms_nextcode?: string;
};

export type DuoPreauth = {
  result: 'auth' | 'allow' | 'deny' | 'enroll';
  status_msg: string;
  devices?: DuoDevice[];
  enroll_portal_url?: string;
};

/** A finished authentication: result and status as Duo reports them (status: allow, deny, fraud, timeout…). */
export type DuoAuthOutcome = {
  result: 'allow' | 'deny';
  status: string;
  status_msg: string;
  trusted_device_token?: string;
};

/** auth_status: `waiting` while a push or call is under way (status: pushed, calling, answered, push_failed). */
export type DuoAuthStatus = {
  result: 'allow' | 'deny' | 'waiting';
  status: string;
  status_msg: string;
  trusted_device_token?: string;
};

export type DuoEnrollment = {
  /** An image URL on Duo's API host; fetch it through the client (activationBarcode) to serve it ourselves. */
  activation_barcode: string;
  activation_code: string;
  activation_url?: string;
  /** Unix seconds. */
  expiration: number;
  user_id: string;
  username: string;
};

export type DuoEnrollStatus = 'success' | 'waiting' | 'invalid';

export type DuoImage = { contentType: string; bytes: Uint8Array };

/** Why a Duo call failed, by what the admin or the sign-in page should do about it. */
export type DuoProblemKind =
  | 'credentials'
  | 'clock'
  | 'forbidden'
  | 'unreachable'
  | 'timeout'
  | 'rate-limited'
  | 'bad-request'
  | 'duo-error'
  | 'bad-response';

/** Duo's own words and code, for the audit log (never a key). */
export type DuoProblem = {
  kind: DuoProblemKind;
  host: string;
  httpStatus?: number;
  code?: number;
  message?: string;
  detail?: string;
};

export type DuoFailure = Failure<never> & { duo: DuoProblem };
export type DuoResult<T> = { ok: true; data: T } | DuoFailure;

/** Who Duo is asked about: the Duo username, or Duo's own user id. */
export type DuoUser = { username: string } | { user_id: string };

export type DuoFactor = 'push' | 'passcode' | 'phone' | 'auto' | 'sms';

export type DuoAuthInput = DuoUser & {
  factor: DuoFactor;
  /** A device id from preauth, or 'auto' (the default for push, phone, sms and auto). */
  device?: string;
  passcode?: string;
  /** Shown in the push: key/value pairs, URL-encoded for Duo. */
  pushinfo?: Record<string, string>;
  /** The push's title word ("Login" by default at Duo). */
  type?: string;
  display_username?: string;
  ipaddr?: string;
};

export type DuoClient = {
  /** GET /auth/v2/ping (unsigned): is Duo up? Returns Duo's time (Unix seconds). */
  ping(): Promise<DuoResult<{ time: number }>>;
  /** GET /auth/v2/check: are the keys, the host and our clock right? */
  check(): Promise<DuoResult<{ time: number }>>;
  preauth(input: DuoUser & { ipaddr?: string }): Promise<DuoResult<DuoPreauth>>;
  /** With async, Duo answers at once with a txid to follow through authStatus. */
  auth(input: DuoAuthInput & { async: true }): Promise<DuoResult<{ txid: string }>>;
  auth(input: DuoAuthInput & { async?: false }): Promise<DuoResult<DuoAuthOutcome>>;
  /** Long-polls: Duo answers when the status changes. */
  authStatus(txid: string): Promise<DuoResult<DuoAuthStatus>>;
  enroll(input?: { username?: string; valid_secs?: number }): Promise<DuoResult<DuoEnrollment>>;
  enrollStatus(input: { user_id: string; activation_code: string }): Promise<DuoResult<DuoEnrollStatus>>;
  /** GET /auth/v2/logo: the account's logo image, if Duo has one. */
  logo(): Promise<DuoResult<DuoImage>>;
  /**
   * Fetches enroll's activation_barcode image through the same base URL, so the app can serve it
   * from its own origin (its CSP allows no image from Duo). Only Duo's /frame/qr on our host is fetched.
   */
  activationBarcode(url: string): Promise<DuoResult<DuoImage>>;
};
