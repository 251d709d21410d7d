import { describe, expect, it } from 'vitest';
import { connect } from './client';
import { freePort } from './embedded';
import { isDatabaseUnavailable } from './errors';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down', async () => {
    const port = await freePort();
    const { db, close } = connect(`postgres://nobody:x@127.0.0.1:${port}/none`, { max: 1 });
    const error = await db.execute('select 1').catch((e: unknown) => e);
    await close();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('does not mistake a query error for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
  });
});
