import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DuoRefusal } from './duo-signature';

/** Duo's failure envelope. */
export const fail = (refusal: DuoRefusal) => ({
  stat: 'FAIL',
  code: refusal.code,
  message: refusal.message,
  ...(refusal.detail ? { message_detail: refusal.detail } : {}),
});

export function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

export function sendPng(res: ServerResponse, png: Buffer) {
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
  res.end(png);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
