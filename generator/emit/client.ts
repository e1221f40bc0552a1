// Emits the typed client library: per group/version `<group>/<version>/client.ts` (a typed client
// with one accessor per kind, a Lister subclass per kind and the version's informer accessors),
// and the root `clientset.ts` (Clientset with `coreV1()`, `networkingV1()`, ... and a
// SharedInformerFactory with `core().v1().configMaps()` ...), named the way client-go names them.
import type { GroupModel, KindModel, VersionModel } from '../model.js';
import { camelIdentifier, docComment, FileLocation, Imports, renderFile, str } from './code.js';

const CLIENT_RUNTIME = 'runtime/client';

/** The kinds a version serves: those with an internal (hub) kind of the same name. */
function servedKinds(group: GroupModel, version: VersionModel): KindModel[] {
  const hub = group.versions.find((v) => v.name === group.hubVersion);
  const hubKinds = new Set((hub?.kinds ?? []).map((k) => k.name));
  return version.kinds.filter((k) => hubKinds.has(k.name));
}

function upperFirst(s: string): string {
  return s === '' ? s : s[0]!.toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s === '' ? s : s[0]!.toLowerCase() + s.slice(1);
}

/** `ConfigMap` + `configmaps` -> `configMaps`; `Ingress` + `ingresses` -> `ingresses`. */
export function kindAccessor(kind: KindModel): string {
  const lowerKind = kind.name.toLowerCase();
  const name = kind.plural.startsWith(lowerKind) ? kind.name + kind.plural.slice(lowerKind.length) : kind.plural;
  return camelIdentifier(lowerFirst(name));
}

/** client-go's group names: `core`, first DNS label (`networking.k8s.io` -> `networking`). */
export function groupAccessors(groups: GroupModel[]): Map<GroupModel, string> {
  const first = (g: GroupModel): string => (g.name === '' ? 'core' : camelIdentifier(g.name.split('.')[0]!));
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(first(g), (counts.get(first(g)) ?? 0) + 1);
  return new Map(groups.map((g) => [g, counts.get(first(g))! > 1 ? camelIdentifier(g.name) : first(g)]));
}

function versionClass(groupName: string, version: string): string {
  return upperFirst(groupName) + upperFirst(camelIdentifier(version));
}

function emitVersionClient(group: GroupModel, version: VersionModel, groupName: string): [string, string] {
  const file = `${group.dir}/${version.name}/client.ts`;
  const loc = new FileLocation(file);
  const imports = new Imports();
  const rt = (m: string): string => loc.toProject(`${CLIENT_RUNTIME}/${m}.ts`);
  const types = imports.namespace('./types.js', camelIdentifier(version.name));
  const base = versionClass(groupName, version.name);
  const kinds = servedKinds(group, version);
  const gv = group.name === '' ? version.name : `${group.name}/${version.name}`;
  const body: string[] = [];

  for (const kind of kinds) {
    const acc = kindAccessor(kind);
    const spec = imports.type(rt('types'), 'ResourceSpec');
    body.push(`/** ${kind.plural} in ${gv}. */`);
    body.push(
      `export const ${acc}Resource: ${spec} = { group: ${str(group.name)}, version: ${str(version.name)}, resource: ${str(kind.plural)}, kind: ${str(kind.name)}, namespaced: ${kind.scope === 'Namespaced'} };`,
    );
    body.push('');
  }

  body.push(`/** Typed client of ${gv}. */`);
  body.push(`export class ${base}Client {`);
  body.push(`  constructor(private readonly clientset: ${imports.type(rt('clientset-base'), 'ClientsetBase')}) {}`);
  for (const kind of kinds) {
    const acc = kindAccessor(kind);
    const rc = imports.type(rt('resource'), 'ResourceClient');
    const t = `${rc}<${types}.${kind.name}, ${types}.${kind.listKind}>`;
    body.push('');
    if (kind.scope === 'Namespaced') {
      body.push(`  /** ${kind.name} objects in a namespace ('' = every namespace, for list, watch and deleteCollection). */`);
      body.push(`  ${acc}(namespace: string): ${t} {`);
      body.push(`    return this.clientset.resource(${acc}Resource, namespace);`);
    } else {
      body.push(`  /** ${kind.name} objects (cluster-scoped). */`);
      body.push(`  ${acc}(): ${t} {`);
      body.push(`    return this.clientset.resource(${acc}Resource);`);
    }
    body.push('  }');
  }
  body.push('}', '');

  for (const kind of kinds) {
    const acc = kindAccessor(kind);
    const lister = imports.value(rt('cache/lister'), 'Lister');
    body.push(...docComment(`Reads ${kind.plural} from an informer's cache.`));
    if (kind.scope === 'Namespaced') {
      const nsLister = imports.type(rt('cache/lister'), 'NamespacedLister');
      body.push(`export class ${kind.name}Lister extends ${lister}<${types}.${kind.name}> {`);
      body.push(`  ${acc}(namespace: string): ${nsLister}<${types}.${kind.name}> {`);
      body.push('    return this.namespace(namespace);');
      body.push('  }');
      body.push('}', '');
    } else {
      body.push(`export class ${kind.name}Lister extends ${lister}<${types}.${kind.name}> {}`, '');
    }
  }

  body.push(`/** Shared informers of ${gv}. */`);
  body.push(`export class ${base}Informers {`);
  body.push(`  constructor(private readonly factory: ${imports.type(rt('informer-factory'), 'SharedInformerFactoryBase')}) {}`);
  for (const kind of kinds) {
    const acc = kindAccessor(kind);
    const ri = imports.value(rt('informer-factory'), 'ResourceInformer');
    body.push('');
    body.push(`  ${acc}(): ${ri}<${types}.${kind.name}, ${kind.name}Lister> {`);
    body.push(`    return new ${ri}(this.factory, ${acc}Resource, (indexer, resource) => new ${kind.name}Lister(indexer, resource));`);
    body.push('  }');
  }
  body.push('}');
  return [file, renderFile([version.source.file], imports, body)];
}

function emitClientset(groups: GroupModel[], names: Map<GroupModel, string>): [string, string] {
  const file = 'clientset.ts';
  const loc = new FileLocation(file);
  const imports = new Imports();
  const rt = (m: string): string => loc.toProject(`${CLIENT_RUNTIME}/${m}.ts`);
  const clientsetBase = imports.value(rt('clientset-base'), 'ClientsetBase');
  const factoryBase = imports.value(rt('informer-factory'), 'SharedInformerFactoryBase');
  const body: string[] = [];
  const typeExports: string[] = [];
  const clientMethods: string[] = [];
  const factoryMethods: string[] = [];
  const groupClasses: string[] = [];
  for (const group of groups) {
    const gname = names.get(group)!;
    const groupClass = `${upperFirst(gname)}Informers`;
    groupClasses.push(`/** Shared informers of the ${group.name === '' ? 'core' : group.name} group, per version. */`);
    groupClasses.push(`export class ${groupClass} {`);
    groupClasses.push(`  constructor(private readonly factory: ${factoryBase}) {}`);
    for (const version of group.versions) {
      if (servedKinds(group, version).length === 0) continue;
      const cls = versionClass(gname, version.name);
      const module = `./${group.dir}/${version.name}/client.js`;
      imports.value(module, `${cls}Client`);
      imports.value(module, `${cls}Informers`);
      const method = `${gname}${upperFirst(camelIdentifier(version.name))}`;
      typeExports.push(`export type * as ${method} from './${group.dir}/${version.name}/types.js';`);
      clientMethods.push('', `  ${method}(): ${cls}Client {`, `    return new ${cls}Client(this);`, '  }');
      groupClasses.push('', `  ${camelIdentifier(version.name)}(): ${cls}Informers {`, `    return new ${cls}Informers(this.factory);`, '  }');
    }
    groupClasses.push('}', '');
    factoryMethods.push('', `  ${gname}(): ${groupClass} {`, `    return new ${groupClass}(this);`, '  }');
  }
  body.push('/** Typed clients of every served group/version, plus the dynamic client (`dynamic()`). */');
  body.push(`export class Clientset extends ${clientsetBase} {`);
  body.push(...clientMethods.slice(1));
  body.push('}', '');
  body.push(...groupClasses);
  body.push('/** One shared informer per resource for a Clientset: `factory.core().v1().configMaps().informer()`. */');
  body.push(`export class SharedInformerFactory extends ${factoryBase}<Clientset> {`);
  body.push(...factoryMethods.slice(1));
  body.push('}', '');
  body.push('// The versioned types, as namespaces: `import type { coreV1 } from ...; coreV1.ConfigMap`.');
  body.push(...typeExports);
  return [file, renderFile(groups.map((g) => g.source.file), imports, body)];
}

/** Every client file; `groups` in the model's order (sorted by directory). */
export function emitClients(groups: GroupModel[]): [string, string][] {
  const sorted = [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = groupAccessors(sorted);
  const files: [string, string][] = [];
  for (const group of sorted) {
    for (const version of group.versions) {
      if (servedKinds(group, version).length > 0) files.push(emitVersionClient(group, version, names.get(group)!));
    }
  }
  files.push(emitClientset(sorted, names));
  return files;
}
