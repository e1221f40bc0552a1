// Discovery documents, shaped like kube-apiserver 1.32's: /version, /api, /apis, /apis/<g>,
// /api/v1 and /apis/<g>/<v> (APIResourceList), and the aggregated APIGroupDiscoveryList (v2)
// that kubectl 1.27+ asks for first. Pure functions of the registered groups; the server's router
// picks the route and the content type.
import { createHash } from 'node:crypto';
import { arch, platform } from 'node:process';
import type { GroupRegistration, JSONObject, KindRegistration } from '../machinery/registration.js';
import { SUPPORTED_PATCH_TYPES } from './patchtypes.js';

/** What discovery reads from the Scheme (a Scheme satisfies it; tests may pass plain groups). */
export interface DiscoverySource {
  readonly groups: readonly GroupRegistration[];
}

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The Kubernetes release kapi reports, so that kubectl's version skew logic picks 1.32. */
export const KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0' } as const;

/** Verbs of the status and scale subresources, as kube-apiserver lists them. */
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];
const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale' } as const;

// A fixed build date: the document must be stable across restarts (clients cache discovery).
const BUILD_DATE = '2024-12-11T00:00:00Z';

export function versionInfo(): JSONObject {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    gitVersion: KUBERNETES_VERSION.gitVersion,
    gitCommit: 'kapi',
    gitTreeState: 'clean',
    buildDate: BUILD_DATE,
    // kapi runs on Node, not Go: report the runtime that actually serves the requests.
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${platform}/${goArch(arch)}`,
  };
}

/** Node's arch names -> Go's (what `platform` means to Kubernetes clients). */
function goArch(nodeArch: string): string {
  const names: Record<string, string> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' };
  return names[nodeArch] ?? nodeArch;
}

/** /api. `serverAddress` is the host:port clients reached us at (the request's Host header). */
export function legacyAPIVersions(serverAddress = '127.0.0.1:6443'): JSONObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** /apis: every named group (the core group is served at /api). */
export function apiGroupList(scheme: DiscoverySource): JSONObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: scheme.groups.filter((g) => g.group !== '').map(groupBody),
  };
}

/** /apis/<g>; undefined for an unknown group (and for the core group, which has no such path). */
export function apiGroup(scheme: DiscoverySource, group: string): JSONObject | undefined {
  const reg = findGroup(scheme, group);
  if (!reg || group === '') return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupBody(reg) };
}

function groupBody(reg: GroupRegistration): JSONObject {
  const gv = (version: string): JSONObject => ({ groupVersion: `${reg.group}/${version}`, version });
  return { name: reg.group, versions: reg.versions.map(gv), preferredVersion: gv(reg.preferredVersion) };
}

/** /api/v1 and /apis/<g>/<v>; undefined when the group does not serve that version. */
export function apiResourceList(scheme: DiscoverySource, group: string, version: string): JSONObject | undefined {
  const reg = findGroup(scheme, group);
  if (!reg || !reg.versions.includes(version)) return undefined;
  const resources: JSONObject[] = [];
  for (const kind of kindsAt(reg, version)) {
    const namespaced = kind.scope === 'Namespaced';
    resources.push(
      omitEmpty({
        name: kind.plural,
        singularName: kind.singular,
        namespaced,
        kind: kind.kind,
        verbs: servedVerbs(kind),
        shortNames: kind.shortNames,
        categories: kind.categories,
        storageVersionHash: storageVersionHash(reg.group, reg.storageVersion, kind.kind),
      }),
    );
    for (const sub of subresourcesOf(reg.group, version, kind)) {
      const gvk = sub.responseKind;
      // kube-apiserver names the group/version only when they differ from the list's own.
      const foreign = gvk.group !== reg.group || gvk.version !== version;
      resources.push({
        name: `${kind.plural}/${sub.name}`,
        singularName: '',
        namespaced,
        ...(foreign ? { group: gvk.group, version: gvk.version } : {}),
        kind: gvk.kind,
        verbs: sub.verbs,
      });
    }
  }
  resources.sort((a, b) => compare(String(a.name), String(b.name)));
  // kube-apiserver's legacy /api/v1 list carries no apiVersion; the group lists do.
  const typeMeta = group === '' ? { kind: 'APIResourceList' } : { kind: 'APIResourceList', apiVersion: 'v1' };
  return { ...typeMeta, groupVersion: group === '' ? version : `${group}/${version}`, resources };
}

/** The aggregated form of /api (`legacy`, one item named '') or /apis (every named group). */
export function aggregatedDiscovery(scheme: DiscoverySource, legacy: boolean): JSONObject {
  const groups = scheme.groups.filter((g) => (g.group === '') === legacy);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map(groupDiscovery),
  };
}

function groupDiscovery(reg: GroupRegistration): JSONObject {
  return {
    metadata: { name: reg.group },
    versions: reg.versions.map((version) => ({
      version,
      resources: kindsAt(reg, version)
        .map((kind) => resourceDiscovery(reg.group, version, kind))
        .sort((a, b) => compare(String(a.resource), String(b.resource))),
      freshness: 'Current',
    })),
  };
}

function resourceDiscovery(group: string, version: string, kind: KindRegistration): JSONObject {
  const subresources = subresourcesOf(group, version, kind).map((sub) => ({
    subresource: sub.name,
    responseKind: sub.responseKind,
    verbs: sub.verbs,
  }));
  return omitEmpty({
    resource: kind.plural,
    responseKind: { group, version, kind: kind.kind },
    scope: kind.scope,
    singularResource: kind.singular,
    verbs: servedVerbs(kind),
    shortNames: kind.shortNames,
    categories: kind.categories,
    subresources,
  });
}

export interface SubresourceInfo {
  name: 'scale' | 'status';
  responseKind: { group: string; version: string; kind: string };
  verbs: string[];
}

/** Subresources of a kind at one version, sorted by name (scale before status, like kube). */
export function subresourcesOf(group: string, version: string, kind: KindRegistration): SubresourceInfo[] {
  const verbs = SUPPORTED_PATCH_TYPES.length > 0 ? SUBRESOURCE_VERBS : SUBRESOURCE_VERBS.filter((v) => v !== 'patch');
  const out: SubresourceInfo[] = [];
  if (kind.subresources.scale) out.push({ name: 'scale', responseKind: { ...SCALE_KIND }, verbs: [...verbs] });
  if (kind.subresources.status) out.push({ name: 'status', responseKind: { group, version, kind: kind.kind }, verbs: [...verbs] });
  return out;
}

/** The verbs a resource is served with, sorted like kube-apiserver's. `patch` is only advertised
 * once the server implements a patch type. */
export function servedVerbs(kind: KindRegistration): string[] {
  const verbs = kind.verbs.filter((v) => v !== 'patch' || SUPPORTED_PATCH_TYPES.length > 0);
  return [...new Set(verbs)].sort(compare);
}

/** Kinds of a group served at `version`, in registration order. */
export function kindsAt(reg: GroupRegistration, version: string): KindRegistration[] {
  return reg.kinds.filter((k) => k.versions.some((v) => v.version === version));
}

function findGroup(scheme: DiscoverySource, group: string): GroupRegistration | undefined {
  return scheme.groups.find((g) => g.group === group);
}

/** kube-apiserver's storageVersionHash: the first 8 bytes of sha256("<group>/<version>/<kind>")
 * of the storage version, base64. It changes only when the storage version does. */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

/** Drops empty arrays, as Go's `omitempty` does for shortNames, categories and subresources. */
function omitEmpty(obj: JSONObject): JSONObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether an Accept header prefers the aggregated discovery document (apidiscovery.k8s.io/v2).
 * Media ranges are tried by quality, then by order; the first one we can serve decides. Ranges we
 * cannot serve (v2beta1, protobuf) are skipped, so kubectl's usual header picks v2, and a plain
 * `application/json` or `*\/*` first picks the unaggregated document.
 */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept
    .split(',')
    .map((raw, index) => ({ ...parseMediaRange(raw), index }))
    .filter((r) => r.type !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    const isJSON = r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*';
    if (!isJSON) continue;
    const g = r.params.get('g');
    const v = r.params.get('v');
    const as = r.params.get('as');
    if (g === undefined && v === undefined && as === undefined) return false;
    if (g === 'apidiscovery.k8s.io' && v === 'v2' && as === 'APIGroupDiscoveryList') return true;
  }
  return false;
}

function parseMediaRange(raw: string): { type: string; params: Map<string, string>; q: number } {
  const [type = '', ...rest] = raw.split(';').map((s) => s.trim());
  const params = new Map<string, string>();
  let q = 1;
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
    else params.set(key, value);
  }
  return { type: type.toLowerCase(), params, q };
}
