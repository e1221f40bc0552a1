// End-to-end client-side and server-side `kubectl apply` and `kubectl patch` with the real kubectl
// (KAPI_KUBECTL picks the client, 1.32 by default; see kubectl-binary.ts) against bin/apiserver. kubectl sends a three-way strategic merge patch for kinds whose OpenAPI PATCH
// operation lists it (ConfigMap, Service, Ingress) and a three-way JSON merge patch otherwise
// (Widget, Gadget: example.com behaves like a CRD). Each test gets a fresh --cache-dir so discovery
// and OpenAPI come from the server every time; manifests are written to a temp dir.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectlSession } from './session.js';
import { KUBECTL, type KubectlResult as Result } from './kubectl-binary.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- kubectl's JSON output

describe(`kubectl apply and patch against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(90_000);
  const session = kubectlSession('kapi-apply-');
  const kubectl = (...args: string[]): Promise<Result> => session.kubectl(...args);

  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}\nserver: ${session.server.logs()}`).to.equal(0);
    return r.stdout;
  }

  async function getJSON(...args: string[]): Promise<Obj> {
    return JSON.parse(await ok('get', ...args, '-o', 'json', '--show-managed-fields')) as Obj;
  }

  let manifestCount = 0;
  async function apply(manifest: Obj): Promise<string> {
    const file = join(session.work, `manifest-${++manifestCount}.json`);
    await writeFile(file, JSON.stringify(manifest));
    return ok('apply', '-f', file);
  }

  /** create -> unchanged -> configured with a field dropped (three-way: it disappears). */
  async function applyCycle(opts: {
    first: Obj;
    second: Obj;
    resource: string;
    name: string;
    printed: string;
    check: (obj: Obj) => void;
  }): Promise<Obj> {
    expect(await apply(opts.first)).to.equal(`${opts.printed} created\n`);
    const created = await getJSON(opts.resource, opts.name);
    const lastApplied = JSON.parse(created.metadata.annotations[LAST_APPLIED]) as Obj;
    expect(lastApplied.metadata.name).to.equal(opts.name);
    expect(lastApplied.kind).to.equal(opts.first.kind);
    expect(await apply(opts.first)).to.equal(`${opts.printed} unchanged\n`);
    expect(await apply(opts.second)).to.equal(`${opts.printed} configured\n`);
    const updated = await getJSON(opts.resource, opts.name);
    opts.check(updated);
    // kubectl records the manifest with an empty annotations map (its own annotation stripped).
    const recorded = JSON.parse(updated.metadata.annotations[LAST_APPLIED]) as Obj;
    expect(recorded.metadata.annotations).to.deep.equal({});
    delete recorded.metadata.annotations;
    expect(recorded).to.deep.equal(opts.second);
    expect(await apply(opts.second)).to.equal(`${opts.printed} unchanged\n`);
    return updated;
  }

  describe('apply (strategic merge patch)', () => {
    it('ConfigMap: create, unchanged, a removed key disappears', async () => {
      const first = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied-cm', namespace: 'default', labels: { a: '1', b: '2' } }, data: { keep: 'x', drop: 'y' } };
      const second = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied-cm', namespace: 'default', labels: { a: '1' } }, data: { keep: 'z' } };
      await applyCycle({
        first,
        second,
        resource: 'configmap',
        name: 'applied-cm',
        printed: 'configmap/applied-cm',
        check: (cm) => {
          expect(cm.data).to.deep.equal({ keep: 'z' });
          expect(cm.metadata.labels).to.deep.equal({ a: '1' });
        },
      });
    });

    it('ConfigMap: keys added by someone else survive a re-apply (only what apply set is removed)', async () => {
      const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-cm', namespace: 'default' }, data: { mine: '1' } };
      expect(await apply(manifest)).to.equal('configmap/shared-cm created\n');
      await ok('patch', 'configmap', 'shared-cm', '-p', '{"data":{"theirs":"2"}}');
      expect(await apply({ ...manifest, data: { mine: '3' } })).to.equal('configmap/shared-cm configured\n');
      expect((await getJSON('configmap', 'shared-cm')).data).to.deep.equal({ mine: '3', theirs: '2' });
    });

    it('Service: ports merge by port; a port dropped from the manifest is deleted, defaults stay', async () => {
      const ports = [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'metrics', port: 9090 },
      ];
      const first = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'applied-svc', namespace: 'default' }, spec: { selector: { app: 'web' }, ports } };
      const second = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'applied-svc', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'admin', port: 8443 }, { name: 'http', port: 80, targetPort: 8081 }] },
      };
      const created = await applyCycle({
        first,
        second,
        resource: 'service',
        name: 'applied-svc',
        printed: 'service/applied-svc',
        check: (svc) => {
          expect(svc.spec.ports.map((p: Obj) => [p.name, p.port, p.targetPort])).to.deep.equal([
            ['admin', 8443, 8443],
            ['http', 80, 8081],
          ]);
          expect(svc.spec.selector).to.deep.equal({ app: 'web' });
        },
      });
      // Server-side defaults (type, protocol) are not touched by the three-way patch.
      expect(created.spec.type).to.equal('ClusterIP');
      expect(created.spec.ports.every((p: Obj) => p.protocol === 'TCP')).to.equal(true);
    });

    it('Ingress: create, unchanged, a removed rule and TLS block disappear', async () => {
      const rule = (host: string, service: string) => ({
        host,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] },
      });
      const first = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'applied-ing', namespace: 'default' },
        spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }], rules: [rule('a.example.com', 'a'), rule('b.example.com', 'b')] },
      };
      const second = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'applied-ing', namespace: 'default' },
        spec: { ingressClassName: 'nginx', rules: [rule('b.example.com', 'b2')] },
      };
      await applyCycle({
        first,
        second,
        resource: 'ingresses.v1.networking.k8s.io',
        name: 'applied-ing',
        printed: 'ingress.networking.k8s.io/applied-ing',
        check: (ing) => {
          expect(ing.spec.tls).to.equal(undefined);
          expect(ing.spec.rules).to.deep.equal([rule('b.example.com', 'b2')]);
        },
      });
    });
  });

  describe('apply (JSON merge patch)', () => {
    it('Widget: create, unchanged, a removed field disappears', async () => {
      const first = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'applied-widget', namespace: 'default', labels: { app: 'w' } }, spec: { color: 'red', size: 2 } };
      const second = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'applied-widget', namespace: 'default' }, spec: { color: 'green' } };
      await applyCycle({
        first,
        second,
        resource: 'widgets.example.com',
        name: 'applied-widget',
        printed: 'widget.example.com/applied-widget',
        check: (w) => {
          expect(w.spec.color).to.equal('green');
          expect(w.spec).not.to.have.property('size');
          expect(w.spec.replicas).to.equal(1); // a server default survives
          expect(w.metadata.labels ?? {}).to.deep.equal({});
        },
      });
    });

    it('Gadget (cluster-scoped): create, unchanged, a removed field disappears', async () => {
      const first = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'applied-gadget' }, spec: { model: 'gizmo', count: 2 } };
      const second = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'applied-gadget' }, spec: { count: 5 } };
      await applyCycle({
        first,
        second,
        resource: 'gadgets.example.com',
        name: 'applied-gadget',
        printed: 'gadget.example.com/applied-gadget',
        check: (g) => expect(g.spec).to.deep.equal({ count: 5 }),
      });
    });
  });

  describe('apply --server-side', () => {
    async function applyFile(manifest: Obj, ...flags: string[]): Promise<Result> {
      const file = join(session.work, `ssa-${++manifestCount}.json`);
      await writeFile(file, JSON.stringify(manifest));
      return kubectl('apply', '--server-side', '-f', file, ...flags);
    }

    it('ConfigMap: create, update, a conflict names field and manager, --force-conflicts takes over', async () => {
      const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa-cm', namespace: 'default' }, data: { a: '1', b: '2' } };
      const created = await applyFile(manifest);
      expect(created.code, created.stderr).to.equal(0);
      expect(created.stdout).to.equal('configmap/ssa-cm serverside-applied\n');
      let cm = await getJSON('configmap', 'ssa-cm');
      expect(cm.metadata.managedFields.map((e: Obj) => [e.manager, e.operation])).to.deep.equal([['kubectl', 'Apply']]);
      const updated = await applyFile({ ...manifest, data: { a: '1' } });
      expect(updated.code, updated.stderr).to.equal(0);
      cm = await getJSON('configmap', 'ssa-cm');
      expect(cm.data).to.deep.equal({ a: '1' });
      const conflict = await applyFile({ ...manifest, data: { a: '9' } }, '--field-manager', 'other');
      expect(conflict.code).to.not.equal(0);
      expect(conflict.stderr).to.include('Apply failed with 1 conflict: conflict with "kubectl": .data.a');
      const forced = await applyFile({ ...manifest, data: { a: '9' } }, '--field-manager', 'other', '--force-conflicts');
      expect(forced.code, forced.stderr).to.equal(0);
      cm = await getJSON('configmap', 'ssa-cm');
      expect(cm.data).to.deep.equal({ a: '9' });
      const owners = Object.fromEntries(cm.metadata.managedFields.map((e: Obj) => [e.manager, e.fieldsV1]));
      expect(owners.other).to.deep.equal({ 'f:data': { 'f:a': {} } });
      expect(owners.kubectl).to.equal(undefined);
    });

    /** The managers of an object and the fields each owns (fieldsV1). */
    const ownedFields = (obj: Obj): Obj => Object.fromEntries(obj.metadata.managedFields.map((e: Obj) => [e.manager, e.fieldsV1]));

    it('Widget: a conflict names field and manager, same-value co-owns, --force-conflicts takes over', async () => {
      const manifest = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'ssa-widget', namespace: 'default' }, spec: { color: 'red', size: 2 } };
      const created = await applyFile(manifest);
      expect(created.code, created.stderr).to.equal(0);
      expect(created.stdout).to.equal('widget.example.com/ssa-widget serverside-applied\n');
      // "other" changes a field kubectl owns: refused, nothing written.
      const changed = { ...manifest, spec: { color: 'blue' } };
      const conflict = await applyFile(changed, '--field-manager', 'other');
      expect(conflict.code).to.not.equal(0);
      expect(conflict.stderr).to.include('Apply failed with 1 conflict: conflict with "kubectl": .spec.color');
      let w = await getJSON('widgets.example.com', 'ssa-widget');
      expect(w.spec).to.deep.equal({ color: 'red', size: 2, replicas: 1 });
      expect(Object.keys(ownedFields(w))).to.deep.equal(['kubectl']);
      // Applying the value already there is no conflict: both managers own the field.
      const same = await applyFile({ ...manifest, spec: { size: 2 } }, '--field-manager', 'third');
      expect(same.code, same.stderr).to.equal(0);
      // --force-conflicts: "other" takes the field over, kubectl keeps the rest.
      const forced = await applyFile(changed, '--field-manager', 'other', '--force-conflicts');
      expect(forced.code, forced.stderr).to.equal(0);
      w = await getJSON('widgets.example.com', 'ssa-widget');
      expect(w.spec).to.deep.equal({ color: 'blue', size: 2, replicas: 1 });
      expect(ownedFields(w)).to.deep.equal({
        kubectl: { 'f:spec': { 'f:size': {} } },
        other: { 'f:spec': { 'f:color': {} } },
        third: { 'f:spec': { 'f:size': {} } },
      });
      // Now kubectl is the one in conflict when it re-applies its old color.
      const back = await applyFile(manifest);
      expect(back.code).to.not.equal(0);
      expect(back.stderr).to.include('Apply failed with 1 conflict: conflict with "other": .spec.color');
    });

    it('Gadget (cluster-scoped): conflicts on two fields are all named; --force-conflicts takes both', async () => {
      const manifest = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'ssa-gadget' }, spec: { model: 'gizmo', count: 2 } };
      const created = await applyFile(manifest);
      expect(created.code, created.stderr).to.equal(0);
      expect(created.stdout).to.equal('gadget.example.com/ssa-gadget serverside-applied\n');
      const changed = { ...manifest, spec: { model: 'widgetron', count: 3 } };
      const conflict = await applyFile(changed, '--field-manager', 'other');
      expect(conflict.code).to.not.equal(0);
      expect(conflict.stderr).to.include('Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.count\n- .spec.model\n');
      expect((await getJSON('gadgets.example.com', 'ssa-gadget')).spec).to.deep.equal({ model: 'gizmo', count: 2 });
      const forced = await applyFile(changed, '--field-manager', 'other', '--force-conflicts');
      expect(forced.code, forced.stderr).to.equal(0);
      const g = await getJSON('gadgets.example.com', 'ssa-gadget');
      expect(g.spec).to.deep.equal({ model: 'widgetron', count: 3 });
      // kubectl owned nothing else, so its entry is gone.
      expect(ownedFields(g)).to.deep.equal({ other: { 'f:spec': { 'f:count': {}, 'f:model': {} } } });
    });

    it('Widget: server-side apply after client-side apply keeps the spec and the annotation in step', async () => {
      const manifest = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'csa-then-ssa', namespace: 'default' }, spec: { color: 'red', size: 2 } };
      expect(await apply(manifest)).to.equal('widget.example.com/csa-then-ssa created\n');
      const res = await applyFile({ ...manifest, spec: { color: 'blue', size: 2 } });
      expect(res.code, res.stderr).to.equal(0);
      const w = await getJSON('widgets.example.com', 'csa-then-ssa');
      expect(w.spec).to.deep.equal({ color: 'blue', size: 2, replicas: 1 });
      expect(JSON.parse(w.metadata.annotations[LAST_APPLIED]).spec).to.deep.equal({ color: 'blue', size: 2 });
      const managers = w.metadata.managedFields.map((e: Obj) => `${e.manager}/${e.operation}`);
      // kubectl migrates the client-side apply manager's fields into its own Apply entry.
      expect(managers).to.include('kubectl/Apply');
      expect(managers).not.to.include('kubectl-client-side-apply/Update');
      // A later server-side apply that drops a field removes it; the rest of the spec stays.
      const dropped = await applyFile({ ...manifest, spec: { color: 'blue' } });
      expect(dropped.code, dropped.stderr).to.equal(0);
      expect((await getJSON('widgets.example.com', 'csa-then-ssa')).spec).to.deep.equal({ color: 'blue', replicas: 1 });
    });

    it('Ingress: server-side create and update replace the atomic rules list', async () => {
      const rule = (host: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } });
      const ing = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'ssa-ing', namespace: 'default' }, spec: { rules: [rule('a.example.com'), rule('b.example.com')] } };
      expect((await applyFile(ing)).code).to.equal(0);
      const res = await applyFile({ ...ing, spec: { rules: [rule('c.example.com')] } });
      expect(res.code, res.stderr).to.equal(0);
      const got = await getJSON('ingresses.v1.networking.k8s.io', 'ssa-ing');
      expect(got.spec.rules).to.deep.equal([rule('c.example.com')]);
    });
  });

  describe('kubectl patch', () => {
    it('--type strategic (the default) merges Service ports and deletes one with $patch: delete', async () => {
      await apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'patched-svc', namespace: 'default' },
        spec: { selector: { app: 'p' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] },
      });
      expect(await ok('patch', 'service', 'patched-svc', '--type', 'strategic', '-p', '{"spec":{"ports":[{"port":82,"name":"c"},{"port":80,"$patch":"delete"}]}}')).to.equal(
        'service/patched-svc patched\n',
      );
      expect(await ok('patch', 'service', 'patched-svc', '-p', '{"spec":{"ports":[{"port":81,"targetPort":9091}]}}')).to.equal('service/patched-svc patched\n');
      const svc = await getJSON('service', 'patched-svc');
      expect(svc.spec.ports.map((p: Obj) => [p.name, p.port, p.targetPort])).to.deep.equal([
        ['b', 81, 9091],
        ['c', 82, 82],
      ]);
    });

    it('--type merge replaces lists, --type json applies operations (with test)', async () => {
      await apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'merged-svc', namespace: 'default' }, spec: { selector: { app: 'm' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] } });
      await ok('patch', 'service', 'merged-svc', '--type', 'merge', '-p', '{"spec":{"ports":[{"name":"z","port":90}]}}');
      expect((await getJSON('service', 'merged-svc')).spec.ports.map((p: Obj) => p.port)).to.deep.equal([90]);
      await ok('patch', 'service', 'merged-svc', '--type', 'json', '-p', '[{"op":"test","path":"/spec/ports/0/port","value":90},{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]');
      expect((await getJSON('service', 'merged-svc')).metadata.labels).to.deep.equal({ x: 'y' });
      const failed = await kubectl('patch', 'service', 'merged-svc', '--type', 'json', '-p', '[{"op":"test","path":"/spec/ports/0/port","value":1}]');
      expect(failed.code).to.not.equal(0);
      expect(failed.stderr).to.include('The request is invalid: the server rejected our request due to an error in our request');
    });

    it('--type strategic on a Widget is refused with 415 (merge works)', async () => {
      await apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'patched-widget', namespace: 'default' }, spec: { color: 'red' } });
      const refused = await kubectl('patch', 'widgets.example.com', 'patched-widget', '--type', 'strategic', '-p', '{"spec":{"color":"blue"}}');
      expect(refused.code).to.not.equal(0);
      expect(refused.stderr).to.match(/UnsupportedMediaType|unknown format|not supported/i);
      await ok('patch', 'widgets.example.com', 'patched-widget', '--type', 'merge', '-p', '{"spec":{"color":"blue"}}');
      expect((await getJSON('widgets.example.com', 'patched-widget')).spec.color).to.equal('blue');
    });
  });
});
