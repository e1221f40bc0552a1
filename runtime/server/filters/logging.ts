// Request logging: one structured line per request (verb, path, status, latency) at debug level
// (like kube-apiserver's httplog at higher verbosity: a line per request costs throughput), after the
// response is decided.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

export function requestLogging(log: Logger): Middleware {
  return async (ctx, next) => {
    // Nothing to build per request unless the line will be written.
    if (!log.isLevelEnabled('debug')) return next();
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      log.debug(
        { method: ctx.method, url: ctx.url, status: ctx.status, latencyMs: Math.round(ms * 1000) / 1000, verb: ctx.state.requestInfo?.verb },
        'request',
      );
    }
  };
}
