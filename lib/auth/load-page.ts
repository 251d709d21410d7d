import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '../db/errors';

/**
 * Reads what a page needs. When the database cannot be reached the browser is sent to the outage
 * page, a real 503 a person can read, instead of a 500: load balancers and people both learn that
 * it is temporary. Every page that reads the database without a guard goes through this.
 */
export async function loadPage<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isDatabaseUnavailable(error)) redirect('/unavailable');
    throw error;
  }
}
