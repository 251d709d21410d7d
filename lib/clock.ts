import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The time the enforcement date is compared with. In real use this is the system clock. The e2e
 * suite moves it forward to prove what happens once a company's date has passed: with
 * LATCHKEY_TEST_CLOCK_FILE set, the file holds an offset in milliseconds added to the system clock.
 * It cannot be switched on by accident: the file must lie inside LATCHKEY_DATA_DIR's `e2e` folder
 * (where only the e2e run writes), otherwise the variable is refused loudly and the real clock is used.
 */
export function now(): Date {
  const file = process.env.LATCHKEY_TEST_CLOCK_FILE;
  if (!file) return new Date();
  return new Date(Date.now() + testClockOffset(file));
}

function testClockOffset(file: string): number {
  const resolved = path.resolve(file);
  const dataDir = path.resolve(process.env.LATCHKEY_DATA_DIR ?? '.data');
  if (path.basename(dataDir) !== 'e2e' || path.dirname(resolved) !== dataDir) {
    refuseOnce(`LATCHKEY_TEST_CLOCK_FILE ignored: it must name a file directly inside an "e2e" data folder.`);
    return 0;
  }
  try {
    const offset = Number(readFileSync(resolved, 'utf8').trim());
    return Number.isFinite(offset) ? offset : 0;
  } catch {
    return 0; // no file yet: the clock is the real one
  }
}

let refused = false;
function refuseOnce(message: string) {
  if (refused) return;
  refused = true;
  console.error(message);
}
