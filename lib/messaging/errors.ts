/** A provider refused or could not be reached; nothing was sent. */
export class DeliveryError extends Error {
  constructor(
    readonly channel: 'email' | 'sms',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
