// End-to-end: the real kubectl (KAPI_KUBECTL picks the client, 1.32 by default; see
// kubectl-binary.ts) against bin/apiserver, through the kubeconfig the server writes. Each test gets a fresh
// --cache-dir so that discovery and OpenAPI are fetched from the server every time.
// Validation is left at kubectl's default (server-side, Strict): create/apply/replace only work
// without --validate=false when the OpenAPI documents advertise field validation.
import { expect } from 'chai';
import { join } from 'node:path';
import { parse as parseYAML } from 'yaml';
import { SUPPORTED_PATCH_TYPES } from '../../runtime/endpoints/patchtypes.js';
import { ROOT } from '../server/testserver.js';
import { kubectlSession } from './session.js';
import { KUBECTL, type KubectlResult } from './kubectl-binary.js';

const MANIFESTS = join(ROOT, 'test/fixtures/manifests');
const OWN = join(ROOT, 'test/fixtures/kubectl');

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- kubectl's JSON output

describe(`kubectl against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(60_000);
  const session = kubectlSession('kapi-kubectl-');
  const kubectl = (...args: string[]): Promise<KubectlResult> => session.kubectl(...args);

  /** Runs kubectl and expects success; the failure message shows what kubectl said. */
  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).to.equal(0);
    return r.stdout;
  }

  async function fails(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')} should fail\nstdout: ${r.stdout}`).to.not.equal(0);
    return r.stderr;
  }

  const getJSON = async (...args: string[]): Promise<Obj> => JSON.parse(await ok('get', ...args, '-o', 'json')) as Obj;

  describe('discovery', () => {
    it('version reports the server as v1.32.0', async () => {
      const v = JSON.parse(await ok('version', '-o', 'json')) as Obj;
      expect(v.serverVersion).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
    });

    it('api-versions lists every served group version', async () => {
      const lines = (await ok('api-versions')).trim().split('\n');
      expect(lines).to.include.members([
        'v1',
        'autoscaling/v1',
        'autoscaling/v2',
        'example.com/v1',
        'example.com/v1alpha1',
        'networking.k8s.io/v1',
        'networking.k8s.io/v1beta1',
      ]);
    });

    it('api-resources shows short names, scope, kinds and categories', async () => {
      const rows = (await ok('api-resources', '-o', 'wide'))
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/));
      const row = (name: string) => rows.find((r) => r[0] === name);
      expect(row('widgets')).to.include.members(['wd', 'example.com/v1', 'true', 'Widget', 'all']);
      expect(row('configmaps')).to.include.members(['cm', 'v1', 'true', 'ConfigMap']);
      expect(row('namespaces')).to.include.members(['ns', 'v1', 'false', 'Namespace']);
      expect(row('ingresses')).to.include.members(['ing', 'networking.k8s.io/v1', 'true', 'Ingress']);
      expect(row('gadgets')).to.include.members(['example.com/v1', 'false', 'Gadget']);
      const names = (await ok('api-resources', '--api-group=example.com', '-o', 'name')).trim().split('\n');
      expect(names).to.have.members(['gadgets.example.com', 'widgets.example.com']);
    });
  });

  describe('explain (OpenAPI v3)', () => {
    it('explains a kind and its nested fields', async () => {
      const top = await ok('explain', 'widgets');
      expect(top).to.match(/GROUP:\s+example\.com/);
      expect(top).to.match(/KIND:\s+Widget/);
      expect(top).to.match(/VERSION:\s+v1/);
      expect(top).to.match(/spec\s+<WidgetSpec>/);
      const spec = await ok('explain', 'widgets.spec');
      expect(spec).to.match(/FIELD: spec <WidgetSpec>/);
      expect(spec).to.match(/color\s+<string>/);
      expect(spec).to.match(/replicas\s+<integer>/);
    });

    it('explains nested fields of a built-in-like kind and of an older version', async () => {
      const rules = await ok('explain', 'ingresses.spec.rules');
      expect(rules).to.match(/KIND:\s+Ingress/);
      expect(rules).to.match(/FIELD: rules <\[\]IngressRule>/);
      expect(rules).to.match(/host\s+<string>/);
      expect(rules).to.match(/http\s+<HTTPIngressRuleValue>/);
      const backend = await ok('explain', 'ingresses.spec.backend', '--api-version=networking.k8s.io/v1beta1');
      expect(backend).to.match(/VERSION:\s+v1beta1/);
      expect(backend).to.match(/serviceName\s+<string>/);
      const cm = await ok('explain', 'cm.data');
      expect(cm).to.match(/FIELD: data <map\[string\]string>/);
    });

    it('reports an unknown field', async () => {
      const err = await fails('explain', 'widgets.spec.nosuchfield');
      expect(err).to.contain('field "nosuchfield" does not exist');
    });
  });

  describe('writes, reads and errors', () => {
    it('create -f a ConfigMap, a Namespace, a Widget and a v1beta1 Ingress', async () => {
      expect(await ok('create', '-f', join(MANIFESTS, 'configmap.yaml'))).to.equal('configmap/web-config created\n');
      expect(await ok('create', '-f', join(MANIFESTS, 'namespace.yaml'))).to.equal('namespace/team-a created\n');
      expect(await ok('create', '-f', join(MANIFESTS, 'widget-v1.yaml'))).to.equal('widget.example.com/blue-widget created\n');
      expect(await ok('create', '-f', join(MANIFESTS, 'ingress-v1beta1.yaml'))).to.equal(
        'ingress.networking.k8s.io/legacy-web created\n',
      );
    });

    it('prints AlreadyExists for a second create', async () => {
      const file = join(MANIFESTS, 'configmap.yaml');
      const err = await fails('create', '-f', file);
      expect(err.trim()).to.equal(
        `Error from server (AlreadyExists): error when creating "${file}": configmaps "web-config" already exists`,
      );
    });

    it('get -o yaml / -o json reads an object in every version it is served at', async () => {
      const beta = parseYAML(await ok('get', 'ingresses.v1beta1.networking.k8s.io', 'legacy-web', '-o', 'yaml')) as Obj;
      expect(beta.apiVersion).to.equal('networking.k8s.io/v1beta1');
      expect(beta.spec.backend).to.deep.equal({ serviceName: 'default-http-backend', servicePort: 80 });
      expect(beta.spec.rules[0].http.paths[0].pathType).to.equal('ImplementationSpecific');
      const v1 = await getJSON('ingresses.v1.networking.k8s.io', 'legacy-web');
      expect(v1.apiVersion).to.equal('networking.k8s.io/v1');
      expect(v1.spec.defaultBackend).to.deep.equal({ service: { name: 'default-http-backend', port: { number: 80 } } });
      expect(v1.metadata.uid).to.equal(beta.metadata.uid);
      const preferred = await getJSON('ingress', 'legacy-web');
      expect(preferred.apiVersion).to.equal('networking.k8s.io/v1');

      const alpha = await getJSON('widgets.v1alpha1.example.com', 'blue-widget');
      expect(alpha.apiVersion).to.equal('example.com/v1alpha1');
      expect(alpha.spec).to.include({ paint: 'blue', size: 3, replicas: 1 });
      const widget = parseYAML(await ok('get', 'widgets.v1.example.com', 'blue-widget', '-o', 'yaml')) as Obj;
      expect(widget.spec).to.include({ color: 'blue', size: 3, replicas: 1 });
      const ns = await getJSON('namespace', 'team-a');
      expect(ns.metadata.labels).to.include({ team: 'a' });
    });

    it('gets by short name', async () => {
      expect(await ok('get', 'wd')).to.match(/^NAME\s.*\nblue-widget\s/);
      expect(await ok('get', 'wd', 'blue-widget', '-o', 'name')).to.equal('widget.example.com/blue-widget\n');
      expect(await ok('get', 'cm', 'web-config', '-o', 'name')).to.equal('configmap/web-config\n');
      expect(await ok('get', 'ing', '-o', 'name')).to.equal('ingress.networking.k8s.io/legacy-web\n');
      expect(await ok('get', 'ns', 'team-a', '-o', 'name')).to.equal('namespace/team-a\n');
    });

    it('apply -f creates a new object', async () => {
      expect(await ok('apply', '-f', join(OWN, 'configmap-applied.yaml'))).to.equal('configmap/applied-config created\n');
      const cm = await getJSON('configmap', 'applied-config');
      expect(cm.data).to.deep.equal({ mode: 'applied' });
      expect(cm.metadata.annotations).to.have.property('kubectl.kubernetes.io/last-applied-configuration');
    });

    it('replace -f replaces an object', async () => {
      expect(await ok('replace', '-f', join(OWN, 'configmap-replaced.yaml'))).to.equal('configmap/web-config replaced\n');
      expect((await getJSON('configmap', 'web-config')).data).to.deep.equal({ LOG_LEVEL: 'debug' });
    });

    it('apply -f of an existing Widget patches it (JSON merge patch)', async () => {
      expect(await ok('apply', '-f', join(MANIFESTS, 'widget-v1.yaml'))).to.equal('widget.example.com/blue-widget configured\n');
      expect(await ok('apply', '-f', join(OWN, 'widget-v1-resized.yaml'))).to.equal('widget.example.com/blue-widget configured\n');
      const w = await getJSON('wd', 'blue-widget');
      expect(w.spec).to.include({ color: 'blue', size: 4, replicas: 1 });
    });

    it('apply -f of an existing ConfigMap patches it (strategic merge patch)', async function () {
      // kubectl always sends a strategic merge patch for the kinds it knows as built-ins.
      if (!SUPPORTED_PATCH_TYPES.includes('application/strategic-merge-patch+json')) this.skip();
      expect(await ok('apply', '-f', join(OWN, 'configmap-applied-changed.yaml'))).to.equal('configmap/applied-config configured\n');
      expect((await getJSON('configmap', 'applied-config')).data).to.deep.equal({ mode: 'reapplied' });
    });

    it('patch --type=merge / --type=json and label', async () => {
      expect(await ok('patch', 'wd', 'blue-widget', '--type=merge', '-p', '{"spec":{"color":"teal"}}')).to.equal(
        'widget.example.com/blue-widget patched\n',
      );
      expect(await ok('patch', 'wd', 'blue-widget', '--type=json', '-p', '[{"op":"replace","path":"/spec/size","value":7}]')).to.equal(
        'widget.example.com/blue-widget patched\n',
      );
      expect(await ok('label', 'wd', 'blue-widget', 'tier=gold')).to.equal('widget.example.com/blue-widget labeled\n');
      const w = await getJSON('wd', 'blue-widget');
      expect(w.spec).to.include({ color: 'teal', size: 7 });
      expect(w.metadata.labels).to.include({ tier: 'gold' });
    });

    it('prints Invalid with the field path', async () => {
      const ing = await fails('create', '-f', join(OWN, 'ingress-v1-no-pathtype.yaml'));
      expect(ing.trim()).to.equal('The Ingress "no-path-type" is invalid: spec.rules[0].http.paths[0].pathType: Required value');
      const widget = await fails('create', '-f', join(OWN, 'widget-negative-size.yaml'));
      expect(widget).to.match(/^The Widget "bad-widget" is invalid: spec\.size: Invalid value: -1: /);
    });

    it('delete, then NotFound', async () => {
      expect(await ok('delete', '-f', join(MANIFESTS, 'configmap.yaml'))).to.equal('configmap "web-config" deleted\n');
      expect(await ok('delete', 'wd', 'blue-widget')).to.equal('widget.example.com "blue-widget" deleted\n');
      expect((await fails('get', 'cm', 'web-config')).trim()).to.equal(
        'Error from server (NotFound): configmaps "web-config" not found',
      );
      expect((await fails('get', 'widgets', 'blue-widget')).trim()).to.equal(
        'Error from server (NotFound): widgets.example.com "blue-widget" not found',
      );
      expect((await fails('delete', 'cm', 'web-config')).trim()).to.equal(
        'Error from server (NotFound): configmaps "web-config" not found',
      );
    });
  });
});
