// Resolves the request info once; every later stage reads ctx.state.requestInfo.
import type { Middleware } from 'koa';
import { resolveRequestInfo } from '../../endpoints/requestinfo.js';

export function requestInfo(): Middleware {
  return async (ctx, next) => {
    ctx.state.requestInfo = resolveRequestInfo(ctx.method, ctx.path, new URLSearchParams(ctx.querystring));
    await next();
  };
}
