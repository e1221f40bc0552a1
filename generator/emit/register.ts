// Emits the registration tables of runtime/machinery/registration.ts: per version
// `<version>/register.ts` (a VersionedKind per kind), per group `register.ts` (GroupRegistration)
// and the root `index.ts` (every group, sorted by group name).

import type { GroupModel, KindModel } from '../model.js';
import { camelIdentifier, FileLocation, Imports, literal, renderFile, str } from './code.js';
import { converterName } from './conversion.js';
import { deepCopyName } from './deepcopy.js';
import { defaultsName } from './defaults.js';
import { kindSchemaName } from './openapi.js';
import { decoderName } from './protobuf.js';
import { spaceFile, type TypeSpace } from './spaces.js';
import { validateName } from './validation.js';

const registrationRuntime = 'runtime/machinery/registration.ts';

/** `protobufKinds`: the kinds with a protobuf decoder in this version's protobuf.ts. */
export function emitVersionRegister(
  group: GroupModel,
  space: TypeSpace,
  version: string,
  kinds: string[],
  protobufKinds: ReadonlySet<string> = new Set(),
): [string, string] {
  const file = spaceFile(space, 'register');
  const loc = new FileLocation(file);
  const imports = new Imports();
  const reg = loc.toProject(registrationRuntime);
  const own = imports.namespace('./types.js', space.alias);
  const internalModule = loc.toGenerated(`${group.dir}/internal/types.ts`);
  const body: string[] = [];
  for (const kind of kinds) {
    const VersionedKind = imports.type(reg, 'VersionedKind');
    const JSONObject = imports.type(reg, 'JSONObject');
    const internal = imports.namespace(internalModule, 'internal');
    body.push(`export const ${kind}: ${VersionedKind} = {`);
    body.push(`  version: ${str(version)},`);
    body.push(`  defaults: (obj) => ${imports.value('./defaults.js', defaultsName(kind))}(obj as unknown as ${own}.${kind}),`);
    body.push(
      `  toInternal: (obj) => ${imports.value('./conversion.js', converterName(kind, 'toInternal'))}(obj as unknown as ${own}.${kind}) as unknown as ${JSONObject},`,
    );
    body.push(
      `  fromInternal: (obj) => ${imports.value('./conversion.js', converterName(kind, 'fromInternal'))}(obj as unknown as ${internal}.${kind}) as unknown as ${JSONObject},`,
    );
    body.push(
      `  deepCopy: (obj) => ${imports.value('./deepcopy.js', deepCopyName(kind))}(obj as unknown as ${own}.${kind}) as unknown as ${JSONObject},`,
    );
    body.push(`  validate: ${imports.value('./validation.js', validateName(kind))},`);
    body.push(`  schemaName: ${str(kindSchemaName(group, version, kind))},`);
    const kindModel = space.kinds.find((k) => k.name === kind)!;
    body.push(`  listSchemaName: ${str(kindSchemaName(group, version, kindModel.listKind))},`);
    body.push(`  selectableFields: ${literal(kindModel.selectableFields)},`);
    if (protobufKinds.has(kind)) body.push(`  decodeProtobuf: ${imports.value('./protobuf.js', decoderName(kind))},`);
    body.push('};', '');
  }
  return [file, renderFile(space.sources, imports, body)];
}

function kindTable(kind: KindModel): string[] {
  const columns = kind.printColumns.map((c) => {
    const col: Record<string, unknown> = { name: c.name, type: c.type };
    if (c.format !== undefined) col.format = c.format;
    if (c.description !== undefined) col.description = c.description;
    col.priority = c.priority;
    col.jsonPath = c.jsonPath;
    if (c.value !== undefined) col.value = c.value;
    return `        ${literal(col)},`;
  });
  const subresources: Record<string, unknown> = { status: kind.subresources.status };
  if (kind.subresources.scale) {
    const s = kind.subresources.scale;
    subresources.scale = {
      specReplicasPath: s.specReplicasPath,
      statusReplicasPath: s.statusReplicasPath,
      ...(s.labelSelectorPath !== undefined ? { labelSelectorPath: s.labelSelectorPath } : {}),
    };
  }
  return [
    `      kind: ${str(kind.name)},`,
    `      listKind: ${str(kind.listKind)},`,
    `      plural: ${str(kind.plural)},`,
    `      singular: ${str(kind.singular)},`,
    `      shortNames: ${literal(kind.shortNames)},`,
    `      categories: ${literal(kind.categories)},`,
    `      scope: ${str(kind.scope)},`,
    `      verbs: ${literal(kind.verbs)},`,
    `      subresources: ${literal(subresources)},`,
    ...(columns.length > 0 ? ['      printerColumns: [', ...columns, '      ],'] : ['      printerColumns: [],']),
  ];
}

/**
 * `servedBy` maps a kind name to the versions (in preference order) that register it.
 */
export function emitGroupRegister(group: GroupModel, internal: TypeSpace, servedBy: Map<string, string[]>): [string, string] {
  const file = `${group.dir}/register.ts`;
  const loc = new FileLocation(file);
  const imports = new Imports();
  const reg = loc.toProject(registrationRuntime);
  const versionAlias = (v: string): string => camelIdentifier(v);
  const virtualModule = group.virtualFile !== undefined ? loc.toProject(group.virtualFile) : undefined;
  const body: string[] = [];
  body.push(`export const group: ${imports.type(reg, 'GroupRegistration')} = {`);
  body.push(`  group: ${str(group.name)},`);
  const versions = group.versions.map((v) => v.name);
  body.push(`  versions: ${literal(versions)},`);
  body.push(`  preferredVersion: ${str(versions[0] ?? group.hubVersion)},`);
  body.push(`  hubVersion: ${str(group.hubVersion)},`);
  body.push(`  storageVersion: ${str(group.storageVersion)},`);
  body.push(`  strategicMergePatch: ${group.strategicMergePatch === true},`);
  body.push('  kinds: [');
  for (const kind of internal.kinds) {
    const served = servedBy.get(kind.name) ?? [];
    const JSONObject = imports.type(reg, 'JSONObject');
    const internalNs = imports.namespace('./internal/types.js', 'internal');
    body.push('    {');
    body.push(...kindTable(kind));
    const refs = served.map((v) => `${imports.namespace(`./${v}/register.js`, versionAlias(v), false)}.${kind.name}`);
    body.push(`      versions: [${refs.join(', ')}],`);
    if (kind.virtual && virtualModule && group.virtualHooks?.includes(kind.name)) {
      const hooks = imports.namespace(virtualModule, 'virtualHooks', false);
      body.push(
        `      createVirtual: (obj) => ${hooks}.create${kind.name}(obj as unknown as ${internalNs}.${kind.name}) as unknown as ${JSONObject},`,
      );
    }
    body.push('      internal: {');
    body.push(
      `        deepCopy: (obj) => ${imports.value('./internal/deepcopy.js', deepCopyName(kind.name))}(obj as unknown as ${internalNs}.${kind.name}) as unknown as ${JSONObject},`,
    );
    body.push(`        validate: ${imports.value('./internal/validation.js', validateName(kind.name))},`);
    body.push('      },');
    body.push('    },');
  }
  body.push('  ],');
  body.push('  schemas: {');
  for (const v of versions) {
    body.push(`    ${str(v)}: ${imports.namespace(`./${v}/openapi.js`, `${versionAlias(v)}OpenAPI`, false)}.schemas,`);
  }
  body.push('  },');
  body.push('};');
  const sources = [group.source.file, ...group.versions.map((v) => v.source.file)];
  if (virtualModule && group.virtualHooks && group.virtualHooks.length > 0) sources.push(group.virtualFile!);
  return [file, renderFile(sources, imports, body)];
}

export function emitIndex(groups: GroupModel[]): [string, string] {
  const imports = new Imports();
  const sorted = [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const used = new Set<string>();
  const names = sorted.map((g) => {
    let name = camelIdentifier(g.dir);
    for (let i = 2; used.has(name); i++) name = `${camelIdentifier(g.dir)}${i}`;
    used.add(name);
    imports.namespace(`./${g.dir}/register.js`, name, false);
    return `${name}.group`;
  });
  imports.type(new FileLocation('index.ts').toProject(registrationRuntime), 'GroupRegistration');
  const body = [
    '/** Every API group, sorted by group name (the core group first). */',
    `export const groups: GroupRegistration[] = [${names.join(', ')}];`,
  ];
  return ['index.ts', renderFile(sorted.map((g) => g.source.file), imports, body)];
}
