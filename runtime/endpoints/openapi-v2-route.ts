// The `/openapi/v2` handler: content negotiation (JSON or gnostic protobuf, 406 otherwise, like
// kube-openapi), an ETag per encoding and 304 for a matching If-None-Match.
import type { Middleware } from 'koa';
import { notAcceptable } from '../machinery/errors.js';
import type { DiscoverySource } from './discovery.js';
import { OPENAPI_V2_JSON, OPENAPI_V2_PROTOBUF, openAPIV2Response } from './openapi-v2.js';

export function openAPIV2Route(scheme: DiscoverySource): Middleware {
  return (ctx) => {
    ctx.vary('Accept');
    const answer = openAPIV2Response(scheme, ctx.get('accept') || undefined);
    if (answer === undefined) {
      throw notAcceptable(`only the following media types are accepted: ${OPENAPI_V2_JSON}, ${OPENAPI_V2_PROTOBUF}`);
    }
    ctx.set('ETag', answer.etag);
    if (ctx.get('if-none-match') === answer.etag) {
      ctx.status = 304;
      return;
    }
    ctx.status = 200;
    ctx.set('Content-Type', answer.contentType);
    ctx.body = Buffer.from(answer.body);
  };
}
