// What every clientset shares: the REST client, constructors from a URL or a kubeconfig, and the
// dynamic client. The generated Clientset adds one accessor per group/version.
import { DynamicClient } from './dynamic.js';
import { ResourceClient } from './resource.js';
import { RESTClient } from './rest.js';
import type { KubeList, KubeObject, ResourceSpec } from './types.js';

export class ClientsetBase {
  private dynamicClient?: DynamicClient;

  constructor(readonly rest: RESTClient) {}

  static fromURL<C extends ClientsetBase>(this: new (rest: RESTClient) => C, url: string, namespace?: string): C {
    return new this(RESTClient.fromURL(url, namespace));
  }

  static fromKubeconfig<C extends ClientsetBase>(this: new (rest: RESTClient) => C, path: string, context?: string): C {
    return new this(RESTClient.fromKubeconfig(path, context));
  }

  /** The kubeconfig context's namespace (`default` otherwise). */
  get defaultNamespace(): string {
    return this.rest.config.namespace;
  }

  /** A client for a resource known by its spec (what generated typed clients call). */
  resource<T extends KubeObject, L extends KubeList<T> = KubeList<T>>(spec: ResourceSpec, namespace?: string): ResourceClient<T, L> {
    return new ResourceClient<T, L>(this.rest, spec, namespace);
  }

  dynamic(): DynamicClient {
    this.dynamicClient ??= new DynamicClient(this.rest);
    return this.dynamicClient;
  }

  /** Releases idle connections (open watches are stopped by their informers/owners). */
  close(): void {
    this.rest.close();
  }
}
