// Reads a kubeconfig file (the current context, or a named one) into a RESTConfig: server URL,
// default namespace, credentials and TLS material. Only static credentials are supported
// (token, tokenFile, basic auth, client certificates); exec/auth-provider plugins are not.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';

export interface RESTConfig {
  /** `http://127.0.0.1:8080` or `https://host:6443` (no trailing slash). */
  server: string;
  /** The context's namespace, `default` when unset. */
  namespace: string;
  bearerToken?: string;
  username?: string;
  password?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  insecureSkipTLSVerify?: boolean;
  /** Per-request timeout for non-watch requests (ms); 0 = none. */
  timeoutMs?: number;
  userAgent?: string;
}

type Named<T> = { name: string } & T;
interface KubeconfigFile {
  clusters?: Named<{ cluster?: Record<string, unknown> }>[];
  contexts?: Named<{ context?: { cluster?: string; user?: string; namespace?: string } }>[];
  users?: Named<{ user?: Record<string, unknown> }>[];
  'current-context'?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `*-data` fields are base64; the file variants are relative to the kubeconfig's folder. */
function material(entry: Record<string, unknown>, dataKey: string, fileKey: string, base: string): Buffer | undefined {
  const data = str(entry[dataKey]);
  if (data) return Buffer.from(data, 'base64');
  const file = str(entry[fileKey]);
  if (file) return readFileSync(isAbsolute(file) ? file : resolve(base, file));
  return undefined;
}

export function restConfigFromURL(server: string, namespace = 'default'): RESTConfig {
  return { server: server.replace(/\/+$/, ''), namespace };
}

export function loadKubeconfig(path: string, contextName?: string): RESTConfig {
  const doc = (parse(readFileSync(path, 'utf8')) ?? {}) as KubeconfigFile;
  const base = dirname(resolve(path));
  const name = contextName ?? doc['current-context'];
  const ctx = doc.contexts?.find((c) => c.name === name)?.context;
  if (!ctx) throw new Error(`kubeconfig ${path}: context ${JSON.stringify(name ?? '')} not found`);
  const cluster = doc.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  const server = str(cluster?.server);
  if (!cluster || !server) throw new Error(`kubeconfig ${path}: cluster ${JSON.stringify(ctx.cluster ?? '')} has no server`);
  const user = doc.users?.find((u) => u.name === ctx.user)?.user ?? {};
  const config: RESTConfig = { ...restConfigFromURL(server, ctx.namespace || 'default') };
  const tokenFile = str(user.tokenFile);
  const token = str(user.token) ?? (tokenFile ? readFileSync(isAbsolute(tokenFile) ? tokenFile : resolve(base, tokenFile), 'utf8').trim() : undefined);
  if (token) config.bearerToken = token;
  const username = str(user.username);
  if (username) {
    config.username = username;
    config.password = str(user.password) ?? '';
  }
  const ca = material(cluster, 'certificate-authority-data', 'certificate-authority', base);
  if (ca) config.ca = ca;
  const cert = material(user, 'client-certificate-data', 'client-certificate', base);
  if (cert) config.cert = cert;
  const key = material(user, 'client-key-data', 'client-key', base);
  if (key) config.key = key;
  if (cluster['insecure-skip-tls-verify'] === true) config.insecureSkipTLSVerify = true;
  return config;
}
