import { headers } from 'next/headers';
import { clientIpFrom } from '../net/client-ip';

/** The client's address as our nearest trusted proxy saw it (see lib/net/client-ip). */
export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
