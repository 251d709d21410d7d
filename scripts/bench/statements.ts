/**
 * Counts the database statements of one successful step through the floor's code path (the same lib
 * calls), by opening a pool whose postgres.js debug hook sees every statement sent.
 */
import { generateSync } from 'otplib';
import { connect } from '../../lib/db/client';
import { PASSWORD } from './config';
import { passwordStep, secondFactorStep } from './lib-calls';
import type { VirtualUser } from './seed';

export type StatementCount = { count: number; statements: string[] };

/** "insert into login_challenges", "select … from users": enough words to recognise a statement. */
function firstWords(query: string): string {
  const text = query.replace(/\s+/g, ' ').replace(/"/g, '').trim();
  const verb = text.split(' ')[0].toLowerCase();
  const table = /\b(?:from|into|update)\s+([a-z_]+)/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : text.slice(0, 40).toLowerCase();
}

export async function countStatements(
  databaseUrl: string,
  user: VirtualUser,
): Promise<{ password: StatementCount; verify: StatementCount }> {
  let seen: string[] = [];
  const { db, close } = connect(databaseUrl, { max: 10, onQuery: (query) => seen.push(firstWords(query)) });
  try {
    // Open every connection of the pool first (postgres.js reads the type catalogue on each new
    // connection): only the step's own statements count.
    await Promise.all(Array.from({ length: 10 }, () => db.execute('select pg_sleep(0.01)')));
    seen = [];
    const started = await passwordStep(db, { identifier: user.email, password: PASSWORD, ip: user.ip });
    if (!started.ok) throw new Error(`password step failed while counting: ${started.reason}`);
    const password = { count: seen.length, statements: seen };
    seen = [];
    const code = generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) });
    const verified = await secondFactorStep(db, { token: started.token, code, userAgent: 'bench', ip: user.ip });
    if (!verified.ok) throw new Error(`second-factor step failed while counting: ${verified.error}`);
    return { password, verify: { count: seen.length, statements: seen } };
  } finally {
    await close();
  }
}
