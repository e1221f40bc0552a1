// The REST client: one configured connection to an API server (node:http/https, keep-alive),
// JSON requests that raise StatusError on failure, and watch streams decoded incrementally.
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { StatusError, statusFromResponse } from './errors.js';
import { loadKubeconfig, restConfigFromURL, type RESTConfig } from './kubeconfig.js';
import { Watch } from './watch.js';
import type { KubeObject } from './types.js';

export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path: `/api/v1/namespaces/default/configmaps`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export class RESTClient {
  readonly config: RESTConfig;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(config: RESTConfig) {
    this.config = config;
    this.base = new URL(config.server);
    const secure = this.base.protocol === 'https:';
    this.transport = secure ? https : http;
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          ...(config.ca ? { ca: config.ca } : {}),
          ...(config.cert ? { cert: config.cert } : {}),
          ...(config.key ? { key: config.key } : {}),
          rejectUnauthorized: !config.insecureSkipTLSVerify,
        })
      : new http.Agent({ keepAlive: true });
  }

  static fromURL(url: string, namespace?: string): RESTClient {
    return new RESTClient(restConfigFromURL(url, namespace));
  }

  static fromKubeconfig(path: string, context?: string): RESTClient {
    return new RESTClient(loadKubeconfig(path, context));
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  private open(spec: RequestSpec, accept: string): { req: ClientRequest; response: Promise<IncomingMessage> } {
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const headers: Record<string, string> = { accept, 'user-agent': this.config.userAgent ?? 'kapi-client/0.1' };
    if (this.config.bearerToken) headers.authorization = `Bearer ${this.config.bearerToken}`;
    else if (this.config.username !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password ?? ''}`).toString('base64')}`;
    }
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      payload = Buffer.from(JSON.stringify(spec.body));
      headers['content-type'] = spec.contentType ?? 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const req = this.transport.request({
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port,
      method: spec.method,
      path: prefix + spec.path + queryString(spec.query),
      headers,
      agent: this.agent,
      ...(spec.signal ? { signal: spec.signal } : {}),
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
    });
    req.end(payload);
    return { req, response };
  }

  private static async readBody(res: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** A JSON request; 2xx -> the parsed body, anything else -> StatusError. */
  async request<R>(spec: RequestSpec): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const controller = new AbortController();
    const signals = [controller.signal, ...(spec.signal ? [spec.signal] : [])];
    if (this.config.timeoutMs) timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    try {
      const { response } = this.open({ ...spec, signal: AbortSignal.any(signals) }, 'application/json');
      const res = await response;
      const text = await RESTClient.readBody(res);
      const code = res.statusCode ?? 0;
      if (code < 200 || code > 299) throw new StatusError(statusFromResponse(code, text));
      return (text === '' ? {} : JSON.parse(text)) as R;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Starts a watch (the caller puts `watch=true` in the query); non-200 -> StatusError. */
  async watch<T extends KubeObject>(spec: Omit<RequestSpec, 'method' | 'body'>): Promise<Watch<T>> {
    const controller = new AbortController();
    const signals = [controller.signal, ...(spec.signal ? [spec.signal] : [])];
    const { response } = this.open({ ...spec, method: 'GET', signal: AbortSignal.any(signals) }, 'application/json');
    const res = await response;
    const code = res.statusCode ?? 0;
    if (code !== 200) {
      const text = await RESTClient.readBody(res);
      throw new StatusError(statusFromResponse(code, text));
    }
    return new Watch<T>(res, () => controller.abort());
  }
}
