// Non-resource routes: /version, discovery (/api, /apis, /apis/<g>, /api/v1, /apis/<g>/<v>),
// OpenAPI v3 and the health checks. The documents come from runtime/endpoints/discovery.ts and
// openapi.ts; this module only picks the route and the content type.
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { JSONObject } from '../machinery/registration.js';
import type { Scheme } from '../machinery/scheme.js';
import { pathNotFound } from '../machinery/errors.js';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  legacyAPIVersions,
  versionInfo,
  wantsAggregatedDiscovery,
} from '../endpoints/discovery.js';
import { OPENAPI_V3_CONTENT_TYPE, openAPIV3Document, openAPIV3Index } from '../endpoints/openapi.js';
import { openAPIV2Route } from '../endpoints/openapi-v2-route.js';
import type { RequestInfo } from '../endpoints/requestinfo.js';

function json(ctx: Context, body: JSONObject | undefined, contentType = 'application/json'): void {
  if (body === undefined) throw pathNotFound();
  ctx.status = 200;
  ctx.set('Content-Type', contentType);
  ctx.body = JSON.stringify(body);
}

/** /api and /apis: the aggregated document when the client asks for it (kubectl does). */
function discoveryRoot(scheme: Scheme, legacy: boolean, plain: (ctx: Context) => JSONObject): Middleware {
  return (ctx) => {
    ctx.vary('Accept');
    if (wantsAggregatedDiscovery(ctx.get('accept') || undefined)) {
      json(ctx, aggregatedDiscovery(scheme, legacy), AGGREGATED_DISCOVERY_CONTENT_TYPE);
    } else {
      json(ctx, plain(ctx));
    }
  };
}

export interface HealthState {
  /** False once shutdown began: /readyz fails so load balancers stop sending traffic. */
  ready: boolean;
}

export function nonResourceRoutes(scheme: Scheme, health: HealthState): Middleware {
  const router = new Router();
  router.get('/version', (ctx) => json(ctx, versionInfo()));
  router.get('/api', discoveryRoot(scheme, true, (ctx) => legacyAPIVersions(ctx.host || undefined)));
  router.get('/apis', discoveryRoot(scheme, false, () => apiGroupList(scheme)));
  router.get('/api/:version', (ctx) => json(ctx, apiResourceList(scheme, '', ctx.params.version)));
  router.get('/apis/:group', (ctx) => json(ctx, apiGroup(scheme, ctx.params.group)));
  router.get('/apis/:group/:version', (ctx) => json(ctx, apiResourceList(scheme, ctx.params.group, ctx.params.version)));
  router.get('/openapi/v2', openAPIV2Route(scheme));
  router.get('/openapi/v3', (ctx) => json(ctx, openAPIV3Index(scheme), OPENAPI_V3_CONTENT_TYPE));
  router.get('/openapi/v3/api/:version', (ctx) =>
    json(ctx, openAPIV3Document(scheme, '', ctx.params.version), OPENAPI_V3_CONTENT_TYPE),
  );
  router.get('/openapi/v3/apis/:group/:version', (ctx) =>
    json(ctx, openAPIV3Document(scheme, ctx.params.group, ctx.params.version), OPENAPI_V3_CONTENT_TYPE),
  );
  const ok = (ctx: Context) => {
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = 'ok';
  };
  router.get('/healthz', ok);
  router.get('/livez', ok);
  router.get('/readyz', (ctx) => {
    if (health.ready) return ok(ctx);
    ctx.status = 500;
    ctx.type = 'text/plain';
    ctx.body = '[-]shutdown failed: reason withheld\nreadyz check failed';
  });
  const routes = router.routes() as Middleware;
  // Resource requests (nearly all traffic) never match these paths: skip the router's matching.
  return (ctx, next) => ((ctx.state.requestInfo as RequestInfo | undefined)?.isResourceRequest ? next() : routes(ctx, next));
}
