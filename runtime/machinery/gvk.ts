// Group/version/kind/resource identifiers and their string forms, as apimachinery's schema package
// spells them. Pure functions: no registry lookups here.

export interface GroupVersion {
  group: string;
  version: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** Thrown by parseApiVersion; callers at the edge turn it into a 400. */
export class ApiVersionSyntaxError extends Error {}

/** "v1" -> {group:'', version:'v1'}; "example.com/v1" -> {group:'example.com', version:'v1'}.
 * More than one slash is malformed (Kubernetes rejects it the same way). */
export function parseApiVersion(apiVersion: string): GroupVersion {
  if (apiVersion === '') return { group: '', version: '' };
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  if (apiVersion.indexOf('/', slash + 1) >= 0) {
    throw new ApiVersionSyntaxError(`unexpected GroupVersion string: ${apiVersion}`);
  }
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** {group:'', version:'v1'} -> "v1"; {group:'example.com', version:'v1'} -> "example.com/v1". */
export function formatApiVersion(gv: GroupVersion): string {
  return gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
}

/** "widgets.example.com", or "configmaps" for the core group. */
export function qualifiedResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

/** "Widget.example.com", or "ConfigMap" for the core group. */
export function qualifiedKind(group: string, kind: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

/** "example.com/v1, Kind=Widget", the form apimachinery prints a GVK in. */
export function formatGVK(gvk: GroupVersionKind): string {
  return `${formatApiVersion(gvk)}, Kind=${gvk.kind}`;
}

export function sameGroupVersion(a: GroupVersion, b: GroupVersion): boolean {
  return a.group === b.group && a.version === b.version;
}
