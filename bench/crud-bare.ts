// Baseline for the CRUD benchmark: a bare Koa + LevelDB server with no kapi code, doing the least
// a durable key-value HTTP server can do. bench/crud.ts compares kapi against it.
//
//   POST /items/:name  -> one db.put(key, body, { sync: true }), 201 with the body
//   GET  /items/:name  -> one db.get(key), 200 with the stored bytes or 404
//
// Durability matches kapi's (a write answers only once fsynced), but there is no group commit here:
// concurrent puts each do their own synced write, and LevelDB merges what it can internally.
//
// Run alone: `npx tsx bench/crud-bare.ts [dataDir]` prints `listening on http://127.0.0.1:PORT`.

import { mkdir, mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Router from '@koa/router';
import Koa from 'koa';
import { Level } from 'level';

export interface BareServer {
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 3 * 1024 * 1024;

async function readBody(req: NodeJS.ReadableStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) return null;
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Starts the baseline server on 127.0.0.1 with an ephemeral port, storing in `dir`. */
export async function startBareServer(dir: string): Promise<BareServer> {
  await mkdir(dir, { recursive: true });
  const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  await db.open();

  const router = new Router();
  router.post('/items/:name', async (ctx) => {
    const body = await readBody(ctx.req);
    if (body === null) {
      ctx.status = 413;
      return;
    }
    await db.put(`/items/${ctx.params.name}`, body, { sync: true });
    ctx.status = 201;
    ctx.type = 'application/json';
    ctx.body = body;
  });
  router.get('/items/:name', async (ctx) => {
    const value = await db.get(`/items/${ctx.params.name}`);
    if (value === undefined) {
      ctx.status = 404;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = value;
  });

  const app = new Koa();
  app.use(router.routes());
  app.use(router.allowedMethods());

  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'kapi-bare-')));
  const { port } = await startBareServer(dir);
  console.log(`listening on http://127.0.0.1:${port} (data in ${dir})`);
}
