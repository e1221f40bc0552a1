// The apiserver command line: flags -> ServerConfig -> start, one `listening on` line on stdout,
// graceful stop on SIGINT/SIGTERM (exit 0). bin/apiserver(.ts) calls runApiServer with the
// generated groups.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GroupRegistration } from '../machinery/registration.js';
import type { StorageBackend } from '../storage/index.js';
import { DEFAULT_COMPACTION_INTERVAL_MS, STORAGE_BACKENDS } from './config.js';
import { createServer } from './server.js';
import { parseDuration } from './duration.js';

function parseDurationFlag(value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parsePositiveDuration(value: string): number {
  const ms = parseDurationFlag(value);
  if (ms <= 0) throw new InvalidArgumentError('must be greater than 0');
  return ms;
}

function parseCacheSize(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('must be a positive integer');
  }
  return Number(value);
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be an integer between 0 and 65535');
  return Number(value);
}

function parseBackend(value: string): StorageBackend {
  if (!(STORAGE_BACKENDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`unknown storage backend; supported: ${STORAGE_BACKENDS.join(', ')}`);
  }
  return value as StorageBackend;
}

export function buildCommand(): Command {
  return new Command('apiserver')
    .description('Serve the generated API groups as a Kubernetes-style API server')
    .option('--bind-address <ip>', 'IP address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free port)', parsePort, 8080)
    .option('--data-dir <dir>', 'directory for storage and the generated kubeconfig', './data')
    .option('--storage-backend <name>', `storage backend (${STORAGE_BACKENDS.join(', ')})`, parseBackend, 'level' as StorageBackend)
    .option('--log-level <level>', 'log level (trace, debug, info, warn, error, silent)', 'info')
    .addOption(
      new Option(
        '--compaction-interval <duration>',
        'how often storage history is compacted; at least this much history is kept (Go duration, 0 disables)',
      )
        .argParser(parseDurationFlag)
        .default(DEFAULT_COMPACTION_INTERVAL_MS, '5m'),
    )
    .option('--watch-cache-size <events>', 'events the watch cache keeps per resource', parseCacheSize, 10_000)
    .addOption(
      new Option('--watch-bookmark-interval <duration>', 'interval of watch BOOKMARK events')
        .argParser(parsePositiveDuration)
        .default(60_000)
        .hideHelp(),
    )
    .addOption(
      new Option('--watch-max-queued-events <events>', 'undelivered events after which a slow watcher is cut off')
        .argParser(parseCacheSize)
        .default(10_000)
        .hideHelp(),
    )
    .showHelpAfterError();
}

export async function runApiServer(groups: GroupRegistration[], argv: string[] = process.argv): Promise<void> {
  const opts = buildCommand().parse(argv).opts<{
    bindAddress: string;
    port: number;
    dataDir: string;
    storageBackend: StorageBackend;
    logLevel: string;
    compactionInterval: number;
    watchCacheSize: number;
    watchBookmarkInterval: number;
    watchMaxQueuedEvents: number;
  }>();
  const server = createServer({
    bindAddress: opts.bindAddress,
    port: opts.port,
    dataDir: opts.dataDir,
    storageBackend: opts.storageBackend,
    groups,
    logLevel: opts.logLevel,
    compactionIntervalMs: opts.compactionInterval,
    watchCacheSize: opts.watchCacheSize,
    watchBookmarkIntervalMs: opts.watchBookmarkInterval,
    watchMaxQueuedEvents: opts.watchMaxQueuedEvents,
  });
  let started;
  try {
    started = await server.start();
  } catch (err) {
    process.stderr.write(`apiserver: ${err instanceof Error ? err.message : String(err)}\n`);
    await server.stop().catch(() => undefined);
    process.exit(1);
  }
  const onSignal = (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.stdout.write(`listening on ${started.url}\n`);
}
