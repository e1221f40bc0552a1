// Reads a request body ourselves, with a size cap (no body-parser middleware): a body above the
// cap is a 413 RequestEntityTooLarge, and is never held in memory.
import type { IncomingMessage } from 'node:http';
import { badRequest, requestEntityTooLarge } from '../machinery/errors.js';

/** Beyond this much we stop draining an oversized body and let the connection close. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

function tooLarge(limit: number) {
  return requestEntityTooLarge(`limit is ${limit}`);
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (overflow) {
        // Keep draining (and discarding) so the client gets our 413 instead of a reset.
        if (size > MAX_DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > limit) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (overflow ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('close', () => {
      if (overflow) reject(tooLarge(limit));
    });
    // The client went away mid-body (reset, abort): its request, not a server failure. Nobody
    // reads the answer; it must not be logged as a panic.
    req.on('error', () => reject(badRequest('the request body was not received in full: the client closed the connection')));
  });
}
