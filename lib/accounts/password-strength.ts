import { Worker } from 'node:worker_threads';
import {
  PASSWORD_STRENGTH_BUSY_RETRY_SECONDS,
  PASSWORD_STRENGTH_QUEUE_MAX,
  PASSWORD_STRENGTH_SCORED_LENGTH,
  PASSWORD_STRENGTH_TIMEOUT_MS,
} from '../limits';
import { fail, ok, type Result } from '../result';

export type Strength = { score: number; warning: string; suggestion: string };

export const TOO_SLOW_MESSAGE =
  'This password took too long to check. Choose a different one, such as a few unrelated words.';
export const BUSY_MESSAGE = 'Latchkey is checking many passwords right now. Try again in a few seconds.';

/**
 * zxcvbn runs in a worker thread: a check costs from milliseconds to seconds of CPU, and on the
 * main thread every other request would wait for it. The source is inline (loaded with `eval`)
 * so no bundler has to know about a second entry point; it requires zxcvbn from node_modules.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { ZxcvbnFactory } = require('@zxcvbn-ts/core');
const common = require('@zxcvbn-ts/language-common');
const english = require('@zxcvbn-ts/language-en');
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
  maxLength: workerData.maxLength,
});
parentPort.postMessage('ready');
parentPort.on('message', ({ password, userInputs }) => {
  const { score, feedback } = zxcvbn.check(password, userInputs);
  parentPort.postMessage({ score, warning: feedback.warning || '', suggestion: feedback.suggestions[0] || '' });
});
`;

type Job = {
  password: string;
  userInputs: string[];
  resolve: (r: Result<Strength>) => void;
  reject: (e: Error) => void;
};

/** One worker, one check at a time: the checks use one core at most, whatever the load. */
let worker: { thread: Worker; ready: Promise<void> } | undefined;
const queue: Job[] = [];
let draining = false;

function startWorker() {
  const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { maxLength: PASSWORD_STRENGTH_SCORED_LENGTH } });
  thread.unref(); // never keeps the process alive
  // A worker that crashed or was stopped is replaced by the next check.
  const forget = () => {
    if (worker?.thread === thread) worker = undefined;
  };
  thread.on('error', forget);
  thread.on('exit', forget);
  const ready = new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('error', reject);
    thread.once('exit', () => reject(new Error('the password-strength worker exited while starting')));
  });
  return { thread, ready };
}

function stopWorker() {
  if (worker) void worker.thread.terminate();
  worker = undefined;
}

/** Runs one check on the worker, giving up (and replacing the worker) after the timeout. */
async function run(job: Job): Promise<Result<Strength>> {
  worker ??= startWorker();
  const { thread, ready } = worker;
  await ready.catch((error: Error) => {
    stopWorker();
    throw error;
  });
  return new Promise<Result<Strength>>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      thread.off('message', onMessage);
      thread.off('error', onError);
    };
    const onMessage = (strength: Strength) => {
      done();
      resolve(ok(strength));
    };
    const onError = (error: Error) => {
      done();
      stopWorker();
      reject(error);
    };
    const timer = setTimeout(() => {
      done();
      stopWorker(); // terminating is the only way to stop a check mid-way
      resolve(fail(TOO_SLOW_MESSAGE));
    }, PASSWORD_STRENGTH_TIMEOUT_MS);
    thread.on('message', onMessage);
    thread.once('error', onError);
    thread.postMessage({ password: job.password, userInputs: job.userInputs });
  });
}

async function drain() {
  if (draining) return;
  draining = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await run(job).then(job.resolve, job.reject);
    }
  } finally {
    draining = false;
  }
}

/**
 * Scores a password (0–4) off the main thread; only its first PASSWORD_STRENGTH_SCORED_LENGTH
 * characters are scored. Fails, rather than waits, when the check takes too long or too many
 * are queued: a strength check must never hold up other users.
 */
export function scorePassword(password: string, userInputs: string[]): Promise<Result<Strength>> {
  if (queue.length >= PASSWORD_STRENGTH_QUEUE_MAX)
    return Promise.resolve(fail(BUSY_MESSAGE, { retryAfterSeconds: PASSWORD_STRENGTH_BUSY_RETRY_SECONDS }));
  return new Promise((resolve, reject) => {
    queue.push({
      password: password.slice(0, PASSWORD_STRENGTH_SCORED_LENGTH),
      userInputs: userInputs.filter(Boolean),
      resolve,
      reject,
    });
    void drain();
  });
}
