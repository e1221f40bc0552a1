// Writes `<data-dir>/kubeconfig`: one cluster (this server, plain HTTP), one context and a user
// without credentials, current-context set, so `KUBECONFIG=<data-dir>/kubeconfig kubectl ...` works.
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Host as clients should dial it: a wildcard bind is reached over loopback; IPv6 gets brackets. */
export function dialHost(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '') return '127.0.0.1';
  if (bindAddress === '::') return '[::1]';
  return bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress;
}

export function kubeconfigText(serverURL: string): string {
  const name = 'kapi';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: serverURL } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    users: [{ name, user: {} }],
    preferences: {},
  });
}

/** Writes atomically (temp file + rename) so a concurrent reader never sees half a file. */
export async function writeKubeconfig(dataDir: string, serverURL: string): Promise<string> {
  const path = join(dataDir, 'kubeconfig');
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, kubeconfigText(serverURL), { mode: 0o600 });
  await rename(tmp, path);
  return path;
}
