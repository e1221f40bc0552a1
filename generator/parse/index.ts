// The api-defs parser: reads an api-defs/ tree with ts-morph (syntax only, nothing is executed or
// type-checked) into the generator's ApiModel. Every problem found is collected and thrown at the
// end as GeneratorErrors.
import fs from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import type { ApiModel, FieldModel, GroupModel, TypeModel, VersionModel } from '../model.js';
import { ErrorSink } from './errors.js';
import { checkFieldAgainstTypes, type TypeLookup } from './field-checks.js';
import { readFields, type FieldReader, type PendingFieldCheck } from './fields.js';
import { readGroupFile } from './group-file.js';
import { readConversionHooks, readKindHooks } from './hooks.js';
import { FileScope, scopeKey, type FileScopeOptions } from './scope.js';
import { displayPathOf, locationOf, type DefsFile } from './source.js';
import { TypeResolver } from './type-ref.js';
import { readTypesFile } from './types-file.js';

export function parseApiDefs(inputDir: string): ApiModel {
  return new DefsParser(inputDir).parse();
}

class DefsParser {
  private readonly root: string;
  private readonly sink = new ErrorSink();
  private readonly resolver = new TypeResolver(this.sink);
  private readonly project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true },
  });
  /** Every types file by path without extension, for import resolution. */
  private readonly scopes = new Map<string, FileScope>();
  private readonly pending: PendingFieldCheck[] = [];
  /** The types a FileScope's names refer to (for internal.ts: the hub version's). */
  private readonly typesOfScope = new Map<FileScope, TypeModel[]>();

  constructor(inputDir: string) {
    this.root = path.resolve(inputDir);
    if (!fs.statSync(this.root, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`input directory ${inputDir} does not exist`);
    }
  }

  parse(): ApiModel {
    const metaPath = path.join(this.root, '_meta', 'types.ts');
    const metaScope = this.fileExists(metaPath) ? this.scopeFor(metaPath, { typeScope: 'meta' }) : undefined;
    if (!metaScope) this.sink.add({ file: displayPathOf(this.root, metaPath), line: 1 }, 'missing _meta/types.ts');

    const groups = this.groupDirs().map((dir) => this.readGroup(dir)).filter((g) => g !== undefined);
    const metaTypes = metaScope ? this.readTypes(metaScope).types : [];
    if (metaScope) this.typesOfScope.set(metaScope, metaTypes);
    for (const group of groups) group.finish();

    const metaByName = new Map(metaTypes.map((t) => [t.name, t]));
    for (const { field, lines, scope, fieldPath } of this.pending) {
      const versionTypes = new Map((this.typesOfScope.get(scope) ?? []).map((t) => [t.name, t]));
      const lookup: TypeLookup = (ref) => (ref.scope === 'meta' ? metaByName : versionTypes).get(ref.name);
      checkFieldAgainstTypes(field, lines, lookup, (line, detail) =>
        this.sink.add({ file: scope.file.displayPath, line }, detail, fieldPath),
      );
    }
    this.sink.throwIfAny();
    return { metaTypes, groups: groups.map((g) => g.model) };
  }

  /** Group folders: every folder not starting with `_` or `.`, sorted by name. */
  private groupDirs(): string[] {
    return subdirectories(this.root)
      .filter((name) => !name.startsWith('_') && !name.startsWith('.'))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Reads group.ts and the versions' types files. Types are read at once; the rest (hooks, internal
   * fields) in `finish`, after every types file is loaded so imports between them resolve.
   */
  private readGroup(dir: string): { model: GroupModel; finish: () => void } | undefined {
    const groupDir = path.join(this.root, dir);
    const groupPath = path.join(groupDir, 'group.ts');
    if (!this.fileExists(groupPath)) {
      this.sink.add({ file: displayPathOf(this.root, groupPath), line: 1 }, `group folder '${dir}' has no group.ts`);
      return undefined;
    }
    const groupFile = this.load(groupPath);
    const definition = readGroupFile(groupFile, this.sink);
    if (!definition) return undefined;

    for (const sub of subdirectories(groupDir)) {
      if (!sub.startsWith('_') && !sub.startsWith('.') && !definition.versions.includes(sub)) {
        this.sink.add(locationOf(groupFile, definition.versionsLine), `folder '${dir}/${sub}' is not one of the versions in group.ts`);
      }
    }
    const versionScopes = new Map<string, FileScope>();
    for (const version of definition.versions) {
      const typesPath = path.join(groupDir, version, 'types.ts');
      if (this.fileExists(typesPath)) versionScopes.set(version, this.scopeFor(typesPath, { typeScope: 'version' }));
      else this.sink.add(locationOf(groupFile, definition.versionsLine), `version ${version} has no ${dir}/${version}/types.ts`);
    }

    const model: GroupModel = {
      name: definition.name,
      dir,
      versions: [],
      hubVersion: definition.hubVersion ?? '',
      storageVersion: definition.storageVersion ?? definition.hubVersion ?? '',
      strategicMergePatch: definition.strategicMergePatch,
      internalFields: {},
      validationHooks: [],
      source: definition.source,
    };
    const finish = () => {
      for (const [version, scope] of versionScopes) {
        model.versions.push(this.readVersion(groupDir, `${dir}/${version}`, version, scope));
      }
      const hub = model.versions.find((v) => v.name === definition.hubVersion);
      if (!hub) return;
      const hubScope = versionScopes.get(hub.name)!;
      const internalPath = path.join(groupDir, 'internal.ts');
      if (this.fileExists(internalPath)) {
        model.internalFields = this.readInternalFields(internalPath, hub, hubScope);
      }
      const validationPath = path.join(groupDir, 'validation.ts');
      if (this.fileExists(validationPath)) {
        const file = this.load(validationPath);
        const kinds = hub.kinds.map((k) => k.name);
        model.validationHooks = readKindHooks(file, 'validate', kinds, `${dir} (hub version ${hub.name})`, this.sink);
        model.validationFile = file.displayPath;
      }
      this.readVirtualHooks(groupDir, dir, hub, model);
    };
    return { model, finish };
  }

  /** virtual.ts: a `create<Kind>` hook for every `@virtual` kind of the hub version, and no other. */
  private readVirtualHooks(groupDir: string, dir: string, hub: VersionModel, model: GroupModel): void {
    const virtualKinds = hub.kinds.filter((k) => k.virtual);
    const virtualPath = path.join(groupDir, 'virtual.ts');
    if (this.fileExists(virtualPath)) {
      const file = this.load(virtualPath);
      const names = virtualKinds.map((k) => k.name);
      model.virtualHooks = readKindHooks(file, 'create', names, `${dir} (the @virtual kinds of hub version ${hub.name})`, this.sink);
      model.virtualFile = file.displayPath;
    }
    for (const kind of virtualKinds) {
      if (model.virtualHooks?.includes(kind.name)) continue;
      this.sink.add(kind.source, `@virtual kind ${kind.name} needs a hook 'create${kind.name}' in ${dir}/virtual.ts`, kind.name);
    }
  }

  private readVersion(groupDir: string, label: string, version: string, scope: FileScope): VersionModel {
    const { types, kinds } = this.readTypes(scope);
    this.typesOfScope.set(scope, types);
    const model: VersionModel = {
      name: version,
      types,
      kinds,
      hooks: { toInternal: [], fromInternal: [], defaults: [] },
      source: locationOf(scope.file, 1),
    };
    const conversionPath = path.join(groupDir, version, 'conversion.ts');
    if (this.fileExists(conversionPath)) {
      const file = this.load(conversionPath);
      const hooks = readConversionHooks(file, types.map((t) => t.name), label, this.sink);
      Object.assign(model.hooks, hooks, { conversionFile: file.displayPath });
    }
    const defaultsPath = path.join(groupDir, version, 'defaults.ts');
    if (this.fileExists(defaultsPath)) {
      const file = this.load(defaultsPath);
      model.hooks.defaults = readKindHooks(file, 'default', kinds.map((k) => k.name), label, this.sink);
      model.hooks.defaultsFile = file.displayPath;
    }
    return model;
  }

  /** internal.ts: interfaces named after hub types, whose fields exist only internally. */
  private readInternalFields(filePath: string, hub: VersionModel, hubScope: FileScope): Record<string, FieldModel[]> {
    const scope = this.scopeFor(filePath, { interfacesFrom: hubScope });
    this.typesOfScope.set(scope, hub.types);
    const reader = this.reader(scope);
    const result: Record<string, FieldModel[]> = {};
    for (const iface of scope.file.sourceFile.getInterfaces()) {
      if (!iface.isExported()) continue;
      const name = iface.getName();
      const hubType = hub.types.find((t) => t.name === name);
      if (!hubType) {
        this.sink.add(locationOf(scope.file, iface), `internal.ts: ${name} is not a type of the hub version ${hub.name}`, name);
        continue;
      }
      const fields = readFields(iface, name, reader);
      for (const field of fields) {
        if (hubType.fields.some((f) => f.name === field.name)) {
          this.sink.add(field.source, `internal field '${field.name}' already exists in ${hub.name} ${name}`, `${name}.${field.name}`);
        }
      }
      result[name] = fields;
    }
    return result;
  }

  private readTypes(scope: FileScope) {
    return readTypesFile(this.reader(scope));
  }

  private reader(scope: FileScope): FieldReader {
    return { scope, resolver: this.resolver, sink: this.sink, pending: this.pending };
  }

  private scopeFor(filePath: string, options: FileScopeOptions): FileScope {
    const scope = new FileScope(this.load(filePath), this.scopes, options);
    if (options.typeScope) this.scopes.set(scopeKey(scope.file.sourceFile.getFilePath()), scope);
    return scope;
  }

  private load(filePath: string): DefsFile {
    const sourceFile = this.project.addSourceFileAtPath(filePath);
    return { sourceFile, displayPath: displayPathOf(this.root, filePath) };
  }

  private fileExists(filePath: string): boolean {
    return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  }
}

function subdirectories(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
