import { headers } from 'next/headers';

/**
 * The client's address as the nearest proxy saw it. Behind a load balancer set it to overwrite
 * X-Forwarded-For; without one, Next sets it from the socket.
 */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'unknown';
}
