// The set of Stores of a server: one generic Store per kind, each with the Strategy derived from
// its registration. It wires the namespace rules in (namespaced creates need an existing, active
// namespace; deleting a namespace empties it) and creates the system namespaces on first start.
import type { JSONObject } from '../machinery/registration.js';
import type { Scheme } from '../machinery/scheme.js';
import type { Storage } from '../storage/interface.js';
import { isStatusError } from '../machinery/errors.js';
import { Store } from './store.js';
import { metadataOf, strategyFor, withPrepareForCreate } from './strategy.js';
import {
  SYSTEM_NAMESPACES,
  admitIntoNamespace,
  findNamespaceKind,
  namespaceDeleteLifecycle,
  namespacePhase,
  prepareNamespaceForCreate,
} from './namespaces.js';

function storeKey(group: string, plural: string): string {
  return `${group}\u0000${plural}`;
}

export class Registry {
  private readonly stores = new Map<string, Store>();
  private readonly namespaces?: Store;

  constructor(scheme: Scheme, storage: Storage) {
    const nsKind = findNamespaceKind(scheme.groups);
    if (nsKind) {
      const namespaces: Store = new Store({
        scheme,
        storage,
        group: nsKind.group,
        kind: nsKind.kind,
        strategy: withPrepareForCreate(strategyFor(nsKind.kind), prepareNamespaceForCreate),
        lifecycle: namespaceDeleteLifecycle(
          () => namespaces,
          () => this.all().filter((s) => s.namespaceScoped),
        ),
      });
      this.namespaces = namespaces;
      this.stores.set(storeKey(nsKind.group.group, nsKind.kind.plural), namespaces);
    }
    const checkNamespace = this.namespaces
      ? async (ns: string) => admitIntoNamespace(ns, namespacePhase(await this.getNamespace(ns)))
      : undefined;
    for (const group of scheme.groups) {
      for (const kind of group.kinds) {
        const key = storeKey(group.group, kind.plural);
        if (this.stores.has(key)) continue;
        this.stores.set(key, new Store({ scheme, storage, group, kind, strategy: strategyFor(kind), checkNamespace }));
      }
    }
  }

  /** The Store serving `<plural>` of `group`, if any. */
  storeFor(group: string, plural: string): Store | undefined {
    return this.stores.get(storeKey(group, plural));
  }

  all(): Store[] {
    return [...this.stores.values()];
  }

  private async getNamespace(name: string): Promise<JSONObject | undefined> {
    try {
      // The cached object (read only): a namespace check costs no decode per request.
      return (await this.namespaces!.getCached('', name)).internal();
    } catch (err) {
      if (isStatusError(err, 'NotFound')) return undefined;
      throw err;
    }
  }

  /**
   * Runs at every start: creates the missing system namespaces, and finishes deleting namespaces
   * a previous run left Terminating (it stopped between emptying and removing them).
   */
  async bootstrap(): Promise<void> {
    if (!this.namespaces) return;
    for (const name of SYSTEM_NAMESPACES) {
      if ((await this.getNamespace(name)) !== undefined) continue;
      try {
        await this.namespaces.create('', { metadata: { name }, spec: {} });
      } catch (err) {
        if (!isStatusError(err, 'AlreadyExists')) throw err;
      }
    }
    for (const ns of (await this.namespaces.list('')).items) {
      if (namespacePhase(ns) !== 'Terminating') continue;
      try {
        await this.namespaces.delete('', String(metadataOf(ns).name));
      } catch (err) {
        if (!isStatusError(err, 'NotFound')) throw err;
      }
    }
  }
}
