// kubectl acceptance: scale, patch --subresource=status, wait, label, annotate, replace, delete
// (--dry-run=server), describe, diff, get --raw, explain of nested fields and get --chunk-size,
// with the real kubectl (KAPI_KUBECTL picks the version, see kubectl-binary.ts) against
// bin/apiserver, on Widget/Gadget and on ConfigMap and Ingress. Each test has a fresh --cache-dir.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYAML, stringify as toYAML } from 'yaml';
import { startTestServer, USING_GENERATED, type TestServer } from '../server/testserver.js';
import { KUBECTL, type KubectlResult, runKubectl } from './kubectl-binary.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- kubectl's JSON output

const W = '/apis/example.com/v1/namespaces/default/widgets';

describe(`kubectl commands against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(90_000);
  let server: TestServer;
  let work: string;
  let cacheDir: string;

  before(async function () {
    if (!USING_GENERATED) this.skip();
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'kapi-commands-'));
    cacheDir = join(work, 'cache');
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const kubectl = (...args: string[]): Promise<KubectlResult> => runKubectl({ kubeconfig: server.kubeconfig, cacheDir, home: work }, args);

  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).to.equal(0);
    return r.stdout;
  }

  async function fails(...args: string[]): Promise<KubectlResult> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')} should fail\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).to.not.equal(0);
    return r;
  }

  const getJSON = async (...args: string[]): Promise<Obj> => JSON.parse(await ok('get', ...args, '-o', 'json')) as Obj;

  async function manifest(name: string, obj: Obj): Promise<string> {
    const file = join(work, name);
    await writeFile(file, toYAML(obj));
    return file;
  }

  async function createWidget(name: string, spec: Obj = { color: 'red' }, metadata: Obj = {}): Promise<void> {
    const res = await server.post(W, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, ...metadata }, spec });
    expect(res.status, res.text).to.equal(201);
  }

  async function createConfigMap(name: string, data: Obj = { a: '1' }, namespace = 'default'): Promise<void> {
    const res = await server.post(`/api/v1/namespaces/${namespace}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
    expect(res.status, res.text).to.equal(201);
  }

  const ingress = (name: string, host: string): Obj => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name },
    spec: {
      rules: [
        {
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
        },
      ],
    },
  });

  describe('scale', () => {
    it('kubectl scale widget/x --replicas=3 writes spec.replicas through /scale', async () => {
      await createWidget('sc1');
      expect(await ok('scale', 'widget/sc1', '--replicas=3')).to.equal('widget.example.com/sc1 scaled\n');
      const w = await getJSON('widget', 'sc1');
      expect(w.spec).to.deep.equal({ color: 'red', replicas: 3 });
      expect(w.metadata.generation).to.equal(2);
      const scale = JSON.parse(await ok('get', '--raw', `${W}/sc1/scale`)) as Obj;
      expect(scale).to.include({ kind: 'Scale', apiVersion: 'autoscaling/v1' });
      expect(scale.spec.replicas).to.equal(3);
    });

    it('--current-replicas and --resource-version are preconditions', async () => {
      await createWidget('sc2', { replicas: 2 });
      expect(await ok('scale', 'wd', 'sc2', '--current-replicas=2', '--replicas=4')).to.equal('widget.example.com/sc2 scaled\n');
      const wrong = await fails('scale', 'wd', 'sc2', '--current-replicas=2', '--replicas=5');
      expect(wrong.stderr).to.contain('Expected replicas to be 2, was 4');
      const stale = await fails('scale', 'wd', 'sc2', '--resource-version=1', '--replicas=5');
      // kubectl compares the resourceVersion itself before it sends the patch.
      expect(stale.stderr).to.match(/Expected resource version to be 1, was \d+|the object has been modified/);
      expect((await getJSON('wd', 'sc2')).spec.replicas).to.equal(4);
    });

    it('fails with NotFound on a kind without a scale subresource', async () => {
      const res = await server.post('/apis/example.com/v1/gadgets', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' } });
      expect(res.status, res.text).to.equal(201);
      const r = await fails('scale', 'gadget/g1', '--replicas=2');
      expect(r.stderr).to.match(/NotFound|not found|could not find/);
    });
  });

  describe('status subresource', () => {
    it('patch --subresource=status --type=merge changes status only', async () => {
      await createWidget('st1');
      const out = await ok('patch', 'widget', 'st1', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2,"selector":"app=st1"},"spec":{"color":"blue"}}');
      expect(out).to.equal('widget.example.com/st1 patched\n');
      const w = await getJSON('widget', 'st1');
      expect(w.status).to.deep.equal({ replicas: 2, selector: 'app=st1' });
      expect(w.spec.color).to.equal('red');
      expect(w.metadata.generation).to.equal(1);
      // The main resource ignores status.
      await ok('patch', 'widget', 'st1', '--type=merge', '-p', '{"status":{"replicas":9}}');
      expect((await getJSON('widget', 'st1')).status.replicas).to.equal(2);
    });
  });

  describe('wait', () => {
    it('--for=condition=Ready succeeds once another client sets the condition via /status', async () => {
      await createWidget('wait1');
      const waiting = kubectl('wait', '--for=condition=Ready', 'widget/wait1', '--timeout=60s');
      await new Promise((r) => setTimeout(r, 1500));
      const condition = { type: 'Ready', status: 'True', reason: 'Up', message: 'ready', lastTransitionTime: '2024-01-01T00:00:00Z' };
      const res = await server.request('PATCH', `${W}/wait1/status`, {
        raw: JSON.stringify({ status: { conditions: [condition] } }),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(res.status, res.text).to.equal(200);
      const r = await waiting;
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.equal('widget.example.com/wait1 condition met\n');
    });

    it('times out on time when the condition never comes', async () => {
      await createWidget('wait2');
      const started = Date.now();
      const r = await kubectl('wait', '--for=condition=Ready', 'widget/wait2', '--timeout=3s');
      const elapsed = Date.now() - started;
      expect(r.code).to.not.equal(0);
      expect(r.stderr).to.contain('timed out waiting for the condition on widgets/wait2');
      expect(elapsed).to.be.lessThan(20_000);
    });
  });

  describe('label and annotate', () => {
    it('label, --overwrite and key- on a Widget and a ConfigMap', async () => {
      await createWidget('lb1', { color: 'red' }, { labels: { tier: 'silver' } });
      await createConfigMap('lb-cm');
      const taken = await fails('label', 'widget', 'lb1', 'tier=gold');
      expect(taken.stderr).to.contain("'tier' already has a value (silver), and --overwrite is false");
      expect(await ok('label', 'widget', 'lb1', 'tier=gold', '--overwrite')).to.equal('widget.example.com/lb1 labeled\n');
      expect(await ok('label', 'cm', 'lb-cm', 'app=web', 'env=prod')).to.equal('configmap/lb-cm labeled\n');
      expect((await getJSON('widget', 'lb1')).metadata.labels).to.deep.equal({ tier: 'gold' });
      expect((await getJSON('cm', 'lb-cm')).metadata.labels).to.deep.equal({ app: 'web', env: 'prod' });
      expect(await ok('label', 'widget', 'lb1', 'tier-')).to.equal('widget.example.com/lb1 unlabeled\n');
      await ok('label', 'cm', 'lb-cm', 'env-');
      expect((await getJSON('widget', 'lb1')).metadata.labels).to.equal(undefined);
      expect((await getJSON('cm', 'lb-cm')).metadata.labels).to.deep.equal({ app: 'web' });
    });

    it('annotate, --overwrite and key- on a Widget and an Ingress', async () => {
      await createWidget('an1');
      await ok('create', '-f', await manifest('ing.yaml', ingress('an-ing', 'a.example.com')));
      // kubectl 1.27 prints "annotate", later clients "annotated".
      expect(await ok('annotate', 'widget', 'an1', 'note=hello')).to.match(/^widget\.example\.com\/an1 annotated?\n$/);
      expect((await fails('annotate', 'widget', 'an1', 'note=again')).stderr).to.contain('--overwrite is false');
      await ok('annotate', 'widget', 'an1', 'note=again', '--overwrite');
      await ok('annotate', 'ingress', 'an-ing', 'team=edge');
      expect((await getJSON('widget', 'an1')).metadata.annotations).to.deep.equal({ note: 'again' });
      expect((await getJSON('ingress', 'an-ing')).metadata.annotations).to.deep.equal({ team: 'edge' });
      await ok('annotate', 'widget', 'an1', 'note-');
      await ok('annotate', 'ingress', 'an-ing', 'team-');
      expect((await getJSON('widget', 'an1')).metadata.annotations).to.equal(undefined);
      expect((await getJSON('ingress', 'an-ing')).metadata.annotations).to.equal(undefined);
    });
  });

  describe('replace', () => {
    it('replace -f a Widget, a ConfigMap and an Ingress', async () => {
      await createWidget('rp1');
      await createConfigMap('rp-cm');
      await ok('create', '-f', await manifest('ing.yaml', ingress('rp-ing', 'old.example.com')));
      const w = await getJSON('widget', 'rp1');
      w.spec.color = 'green';
      expect(await ok('replace', '-f', await manifest('w.yaml', w))).to.equal('widget.example.com/rp1 replaced\n');
      expect(await ok('replace', '-f', await manifest('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rp-cm' }, data: { b: '2' } }))).to.equal(
        'configmap/rp-cm replaced\n',
      );
      expect(await ok('replace', '-f', await manifest('ing2.yaml', ingress('rp-ing', 'new.example.com')))).to.equal(
        'ingress.networking.k8s.io/rp-ing replaced\n',
      );
      expect((await getJSON('widget', 'rp1')).spec.color).to.equal('green');
      expect((await getJSON('cm', 'rp-cm')).data).to.deep.equal({ b: '2' });
      expect((await getJSON('ingress', 'rp-ing')).spec.rules[0].host).to.equal('new.example.com');
      // A stale resourceVersion in the file is a conflict.
      const stale = await fails('replace', '-f', await manifest('w-stale.yaml', w));
      expect(stale.stderr).to.contain('the object has been modified');
    });
  });

  describe('delete', () => {
    it('--dry-run=server leaves the object; a real delete removes it', async () => {
      await createWidget('del1');
      await createConfigMap('del-cm');
      expect(await ok('delete', 'widget', 'del1', '--dry-run=server')).to.equal('widget.example.com "del1" deleted (server dry run)\n');
      expect(await ok('delete', 'cm', 'del-cm', '--dry-run=server')).to.equal('configmap "del-cm" deleted (server dry run)\n');
      expect((await getJSON('widget', 'del1')).metadata.name).to.equal('del1');
      expect((await getJSON('cm', 'del-cm')).metadata.name).to.equal('del-cm');
      expect(await ok('delete', 'widget', 'del1')).to.equal('widget.example.com "del1" deleted\n');
      expect((await fails('get', 'widget', 'del1')).stderr.trim()).to.equal('Error from server (NotFound): widgets.example.com "del1" not found');
    });

    it('--all --dry-run=server keeps every object of the namespace', async () => {
      await server.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'del-all' } });
      for (const n of ['a', 'b']) await createConfigMap(n, { x: n }, 'del-all');
      const out = await ok('delete', 'cm', '--all', '-n', 'del-all', '--dry-run=server');
      expect(out).to.contain('configmap "a" deleted (server dry run)');
      expect(out).to.contain('configmap "b" deleted (server dry run)');
      expect((await getJSON('cm', '-n', 'del-all')).items).to.have.length(2);
    });
  });

  describe('describe', () => {
    it('describes a Widget (events 404 tolerated) and a ConfigMap', async () => {
      await createWidget('ds1', { color: 'red', replicas: 2 }, { labels: { app: 'ds' } });
      await createConfigMap('ds-cm', { key: 'value' });
      const w = await ok('describe', 'widget', 'ds1');
      expect(w).to.match(/^Name:\s+ds1$/m);
      expect(w).to.match(/^Namespace:\s+default$/m);
      expect(w).to.match(/^Labels:\s+app=ds$/m);
      expect(w).to.match(/^Kind:\s+Widget$/m);
      expect(w).to.match(/Color:\s+red/);
      // kubectl's typed describers (ConfigMap, Ingress) fail when the events search is a 404 (kapi
      // serves no core/v1 Event kind); the generic one used for Widget tolerates it.
      const cm = await ok('describe', 'cm', 'ds-cm', '--show-events=false');
      expect(cm).to.match(/^Name:\s+ds-cm$/m);
      expect(cm).to.match(/^key:\n----\nvalue$/m);
    });
  });

  describe('diff', () => {
    it('prints the change and exits 1; exits 0 with no output when nothing changes', async () => {
      await createWidget('df1');
      const w = await getJSON('widget', 'df1');
      const same = await kubectl('diff', '-f', await manifest('same.yaml', w));
      expect(same.code, same.stderr).to.equal(0);
      expect(same.stdout).to.equal('');
      w.spec.color = 'green';
      const changed = await kubectl('diff', '-f', await manifest('changed.yaml', w));
      expect(changed.code, changed.stderr).to.equal(1);
      expect(changed.stdout).to.match(/^-\s+color: red$/m);
      expect(changed.stdout).to.match(/^\+\s+color: green$/m);
      expect(changed.stdout).to.not.match(/annotations: \{\}/);
      // Server-side dry run: nothing stored.
      expect((await getJSON('widget', 'df1')).spec.color).to.equal('red');
    });

    it('diffs a ConfigMap (strategic merge dry run)', async () => {
      await ok('apply', '-f', await manifest('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'df-cm' }, data: { a: '1' } }));
      const changed = await kubectl('diff', '-f', await manifest('cm2.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'df-cm' }, data: { a: '2' } }));
      expect(changed.code, changed.stderr).to.equal(1);
      expect(changed.stdout).to.match(/^-\s+a: "1"$/m);
      expect(changed.stdout).to.match(/^\+\s+a: "2"$/m);
      expect((await getJSON('cm', 'df-cm')).data).to.deep.equal({ a: '1' });
    });
  });

  describe('get --raw', () => {
    it('reads discovery and objects as JSON', async () => {
      await createWidget('raw1');
      const list = JSON.parse(await ok('get', '--raw', '/apis/example.com/v1')) as Obj;
      expect(list.kind).to.equal('APIResourceList');
      const names = (list.resources as Obj[]).map((r) => r.name);
      expect(names).to.include.members(['widgets', 'widgets/scale', 'widgets/status', 'gadgets']);
      const w = JSON.parse(await ok('get', '--raw', `${W}/raw1`)) as Obj;
      expect(w.metadata.name).to.equal('raw1');
      const missing = await fails('get', '--raw', `${W}/nope`);
      expect(missing.stderr).to.contain('NotFound');
    });
  });

  describe('explain', () => {
    it('explains widgets.spec and deeply nested Ingress fields', async () => {
      const spec = await ok('explain', 'widgets.spec');
      expect(spec).to.match(/KIND:\s+Widget/);
      expect(spec).to.match(/color\s+<string>/);
      expect(spec).to.match(/replicas\s+<integer>/);
      const backend = await ok('explain', 'ingress.spec.rules.http.paths.backend');
      expect(backend).to.match(/KIND:\s+Ingress/);
      expect(backend).to.match(/backend\s+<(IngressBackend|Object)>/);
      expect(backend).to.match(/service\s+<(IngressServiceBackend|Object)>/);
      const port = await ok('explain', 'ingress.spec.rules.http.paths.backend.service.port');
      expect(port).to.match(/number\s+<integer>/);
      const cm = await ok('explain', 'configmap.data');
      expect(cm).to.match(/data\s+<map\[string\]string>/);
    });
  });

  describe('get --chunk-size', () => {
    it('pages through more objects than the chunk, with limit and continue', async () => {
      await server.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'chunks' } });
      const names = ['c1', 'c2', 'c3', 'c4', 'c5'];
      for (const n of names) await createConfigMap(n, { n }, 'chunks');
      for (const n of names) {
        const res = await server.post('/apis/example.com/v1/namespaces/chunks/widgets', {
          apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: `w-${n}` }, spec: { color: n },
        });
        expect(res.status, res.text).to.equal(201);
      }
      const cms = await kubectl('get', 'cm', '-n', 'chunks', '--chunk-size=2', '-o', 'name', '-v=6');
      expect(cms.code, cms.stderr).to.equal(0);
      expect(cms.stdout.trim().split('\n')).to.deep.equal(names.map((n) => `configmap/${n}`));
      // The -v=6 request log (its layout differs between kubectl releases).
      expect(cms.stderr).to.match(/configmaps\?limit=2\b/);
      expect(cms.stderr).to.match(/configmaps\?continue=[^&\s"]+&limit=2\b/);
      const table = await ok('get', 'widgets', '-n', 'chunks', '--chunk-size=2');
      const rows = table.trim().split('\n');
      expect(rows[0]).to.match(/^NAME\s/);
      expect(rows.slice(1).map((r) => r.split(/\s+/)[0])).to.deep.equal(names.map((n) => `w-${n}`));
      const json = await getJSON('widgets', '-n', 'chunks', '--chunk-size=2');
      expect(json.items).to.have.length(5);
    });
  });
});
