// Server assembly. The whole request pipeline is the `app.use` list in createServer, read top to
// bottom: logging -> panic recovery -> request info -> in-flight limit -> (authn, authz,
// admission: later) -> non-resource routes -> resource handlers -> 404.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import Koa from 'koa';
import { pino, type Logger } from 'pino';
import { Scheme } from '../machinery/scheme.js';
import { RESTMapper } from '../machinery/restmapper.js';
import { pathNotFound } from '../machinery/errors.js';
import { openStorage } from '../storage/index.js';
import type { HistoryStorage } from '../storage/interface.js';
import { Registry } from '../registry/registry.js';
import { WatchCacheSet } from '../registry/watchcaches.js';
import { resourceRoutes } from '../endpoints/installer.js';
import { DEFAULT_COMPACTION_INTERVAL_MS, type ServerConfig } from './config.js';
import { requestLogging } from './filters/logging.js';
import { recovery } from './filters/recovery.js';
import { requestInfo } from './filters/requestinfo.js';
import { maxInFlight } from './filters/inflight.js';
import { type HealthState, nonResourceRoutes } from './routes.js';
import { dialHost, writeKubeconfig } from './kubeconfig.js';

/** How long stop() waits for in-flight requests before cutting connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface StartedServer {
  host: string;
  port: number;
  /** http://HOST:PORT as clients dial it. */
  url: string;
  kubeconfigPath: string;
}

export interface ApiServer {
  readonly log: Logger;
  /** Opens storage, bootstraps the system namespaces, binds, writes the kubeconfig. */
  start(): Promise<StartedServer>;
  /** Stops accepting, finishes in-flight requests, closes storage. Idempotent. */
  stop(): Promise<void>;
}

function buildApp(scheme: Scheme, registry: Registry, health: HealthState, config: ServerConfig, log: Logger): Koa {
  const app = new Koa();
  app.silent = true; // errors are answered and logged by the recovery filter
  app.use(requestLogging(log));
  app.use(recovery(log));
  app.use(requestInfo());
  app.use(maxInFlight(config.inFlight));
  app.use(nonResourceRoutes(scheme, health));
  app.use(resourceRoutes(scheme, new RESTMapper(scheme), registry));
  app.use(() => {
    throw pathNotFound();
  });
  return app;
}

/**
 * Every interval, compacts storage history up to the revision seen at the previous tick (what
 * kube-apiserver asks of etcd), so at least one interval of history is always kept.
 */
function startCompaction(storage: HistoryStorage, caches: WatchCacheSet, intervalMs: number, log: Logger): () => void {
  if (intervalMs <= 0) return () => undefined;
  let seen = storage.currentRevision();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const target = seen;
    seen = storage.currentRevision();
    storage
      .compact(target + 1)
      .then(() => caches.compact(storage.compactedRevision()))
      .catch((err: unknown) => log.warn({ err }, 'history compaction failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function createServer(config: ServerConfig): ApiServer {
  const log = pino({ level: config.logLevel ?? 'info' }, pino.destination(2));
  const scheme = new Scheme(config.groups);
  const health: HealthState = { ready: false };
  let storage: HistoryStorage | undefined;
  let caches: WatchCacheSet | undefined;
  let stopCompaction = (): void => undefined;
  let http: HttpServer | undefined;
  let stopping: Promise<void> | undefined;

  async function start(): Promise<StartedServer> {
    await mkdir(config.dataDir, { recursive: true });
    storage = await openStorage(config.storageBackend, config.dataDir);
    const registry = new Registry(scheme, storage);
    caches = await WatchCacheSet.start(registry.all(), storage, {
      capacity: config.watchCacheSize,
      settings: {
        ...(config.watchBookmarkIntervalMs === undefined ? {} : { bookmarkIntervalMs: config.watchBookmarkIntervalMs }),
        ...(config.watchMaxQueuedEvents === undefined ? {} : { maxQueuedEvents: config.watchMaxQueuedEvents }),
      },
    });
    await registry.bootstrap();
    stopCompaction = startCompaction(storage, caches, config.compactionIntervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS, log);
    const app = buildApp(scheme, registry, health, config, log);
    http = createHttpServer(app.callback());
    // Generous header/keep-alive timeouts: clients (kubectl) hold connections open between calls.
    http.keepAliveTimeout = 65_000;
    const server = http;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.bindAddress, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const host = dialHost(config.bindAddress);
    const url = `http://${host}:${port}`;
    const kubeconfigPath = await writeKubeconfig(config.dataDir, url);
    health.ready = true;
    log.info({ url, dataDir: config.dataDir }, 'serving');
    return { host, port, url, kubeconfigPath };
  }

  async function shutdown(): Promise<void> {
    health.ready = false;
    stopCompaction();
    // Watches never finish on their own: end them so the server can close.
    caches?.stop();
    if (http) {
      const server = http;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() drops the connections idle right now; a keep-alive connection whose request was
      // in flight goes idle later, so keep dropping idle ones until everything has finished.
      server.closeIdleConnections();
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearInterval(sweeper);
      clearTimeout(timer);
    }
    if (storage) await storage.close();
    log.info('stopped');
  }

  return {
    log,
    start,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
