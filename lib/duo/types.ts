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
