// kubectl acceptance: scale, patch --subresource=status, wait, label, annotate, replace, delete
// (--dry-run=server), describe, diff, get --raw, explain of nested fields and get --chunk-size,
// and patch, with the real kubectl (KAPI_KUBECTL picks the version, see kubectl-binary.ts) against
// bin/apiserver, on Widget, the cluster-scoped Gadget, ConfigMap and Ingress (networking.k8s.io/v1,
// from test/fixtures/manifests). Each test has a fresh --cache-dir.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYAML, stringify as toYAML } from 'yaml';
import { readFileSync } from 'node:fs';
import { ROOT } from '../server/testserver.js';
import { kubectlSession } from './session.js';
import { KUBECTL, type KubectlResult, kubectlMinor } from './kubectl-binary.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- kubectl's JSON output

const W = '/apis/example.com/v1/namespaces/default/widgets';
const G = '/apis/example.com/v1/gadgets';
const ING = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';
const INGRESS_FIXTURE = parseYAML(readFileSync(join(ROOT, 'test/fixtures/manifests/ingress-v1.yaml'), 'utf8')) as Obj;

/** kubectl 1.27 prints `<obj> annotate` after an annotate; 1.28 and later print `annotated`. */
const ANNOTATED = kubectlMinor() <= 27 ? 'annotate' : 'annotated';

describe(`kubectl commands against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(90_000);
  const session = kubectlSession('kapi-commands-');
  const kubectl = (...args: string[]): Promise<KubectlResult> => session.kubectl(...args);

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
    const file = join(session.work, name);
    await writeFile(file, toYAML(obj));
    return file;
  }

  async function createWidget(name: string, spec: Obj = { color: 'red' }, metadata: Obj = {}): Promise<void> {
    const res = await session.server.post(W, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, ...metadata }, spec });
    expect(res.status, res.text).to.equal(201);
  }

  async function createConfigMap(name: string, data: Obj = { a: '1' }, namespace = 'default'): Promise<void> {
    const res = await session.server.post(`/api/v1/namespaces/${namespace}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
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

  async function createGadget(name: string, spec: Obj = { model: 'gizmo', count: 2 }, metadata: Obj = {}): Promise<void> {
    const res = await session.server.post(G, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name, ...metadata }, spec });
    expect(res.status, res.text).to.equal(201);
  }

  /** test/fixtures/manifests/ingress-v1.yaml under another name (and namespace). */
  function fixtureIngress(name: string, namespace = 'default'): Obj {
    const ing = structuredClone(INGRESS_FIXTURE);
    ing.metadata = { ...ing.metadata, name, namespace };
    return ing;
  }

  async function createIngress(name: string, namespace = 'default'): Promise<Obj> {
    const res = await session.server.post(`/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses`, fixtureIngress(name, namespace));
    expect(res.status, res.text).to.equal(201);
    return res.body as Obj;
  }

  /** The URLs of the requests kubectl logged at -v=6 (one layout up to 1.32, another from 1.33). */
  const requestedURLs = (log: string): string[] => [...log.matchAll(/(?:GET |url=")(http:\/\/[^\s"]+)/g)].map((m) => m[1]);

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
      const res = await session.server.post('/apis/example.com/v1/gadgets', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' } });
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
      const res = await session.server.request('PATCH', `${W}/wait1/status`, {
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
      // --timeout=3s: kubectl gives up after about 3 s (plus its start-up), not much later.
      expect(elapsed).to.be.within(2_500, 8_000);
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
      expect(await ok('annotate', 'widget', 'an1', 'note=hello')).to.equal(`widget.example.com/an1 ${ANNOTATED}\n`);
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
      await session.server.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'del-all' } });
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
      // describe.test.ts covers the events part; here only the object part is read.
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
      await session.server.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'chunks' } });
      const names = ['c1', 'c2', 'c3', 'c4', 'c5'];
      for (const n of names) await createConfigMap(n, { n }, 'chunks');
      for (const n of names) {
        const res = await session.server.post('/apis/example.com/v1/namespaces/chunks/widgets', {
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

  describe('Gadget (cluster-scoped)', () => {
    it('label and annotate, --overwrite and key-', async () => {
      await createGadget('gd-lb', undefined, { labels: { tier: 'silver' } });
      expect((await fails('label', 'gadget', 'gd-lb', 'tier=gold')).stderr).to.contain("'tier' already has a value (silver), and --overwrite is false");
      expect(await ok('label', 'gadget', 'gd-lb', 'tier=gold', '--overwrite', 'app=g')).to.equal('gadget.example.com/gd-lb labeled\n');
      expect(await ok('annotate', 'gadget', 'gd-lb', 'note=hello')).to.equal(`gadget.example.com/gd-lb ${ANNOTATED}\n`);
      let g = await getJSON('gadget', 'gd-lb');
      expect(g.metadata.labels).to.deep.equal({ tier: 'gold', app: 'g' });
      expect(g.metadata.annotations).to.deep.equal({ note: 'hello' });
      expect(g.metadata).not.to.have.property('namespace');
      expect(await ok('label', 'gadget', 'gd-lb', 'tier-')).to.equal('gadget.example.com/gd-lb unlabeled\n');
      await ok('annotate', 'gadget', 'gd-lb', 'note-');
      g = await getJSON('gadget', 'gd-lb');
      expect(g.metadata.labels).to.deep.equal({ app: 'g' });
      expect(g.metadata.annotations).to.equal(undefined);
      expect(g.metadata.generation).to.equal(1); // metadata changes do not bump the generation
    });

    it('replace -f, and a stale resourceVersion is a conflict', async () => {
      await createGadget('gd-rp');
      const g = await getJSON('gadget', 'gd-rp');
      g.spec = { model: 'gadgetron', count: 9 };
      expect(await ok('replace', '-f', await manifest('g.yaml', g))).to.equal('gadget.example.com/gd-rp replaced\n');
      const got = await getJSON('gadget', 'gd-rp');
      expect(got.spec).to.deep.equal({ model: 'gadgetron', count: 9 });
      expect(got.metadata.generation).to.equal(2);
      expect((await fails('replace', '-f', await manifest('g-stale.yaml', g))).stderr).to.contain('the object has been modified');
    });

    it('delete --dry-run=server leaves the object; a real delete removes it', async () => {
      await createGadget('gd-del');
      expect(await ok('delete', 'gadget', 'gd-del', '--dry-run=server')).to.equal('gadget.example.com "gd-del" deleted (server dry run)\n');
      expect((await getJSON('gadget', 'gd-del')).spec).to.deep.equal({ model: 'gizmo', count: 2 });
      expect(await ok('delete', 'gadget', 'gd-del')).to.equal('gadget.example.com "gd-del" deleted\n');
      expect((await fails('get', 'gadget', 'gd-del')).stderr.trim()).to.equal('Error from server (NotFound): gadgets.example.com "gd-del" not found');
    });

    it('diff prints the change and exits 1, stores nothing; exits 0 when nothing changes', async () => {
      await createGadget('gd-df');
      const g = await getJSON('gadget', 'gd-df');
      const same = await kubectl('diff', '-f', await manifest('same.yaml', g));
      expect(same.code, same.stderr).to.equal(0);
      expect(same.stdout).to.equal('');
      g.spec.count = 11;
      const changed = await kubectl('diff', '-f', await manifest('changed.yaml', g));
      expect(changed.code, changed.stderr).to.equal(1);
      expect(changed.stdout).to.match(/^-\s+count: 2$/m);
      expect(changed.stdout).to.match(/^\+\s+count: 11$/m);
      expect(changed.stdout).to.match(/example\.com\.v1\.Gadget\.\.gd-df/); // no namespace in the file name
      expect((await getJSON('gadget', 'gd-df')).spec.count).to.equal(2);
    });

    it('get --raw reads an object and the list; a missing one is NotFound', async () => {
      await createGadget('gd-raw');
      const g = JSON.parse(await ok('get', '--raw', `${G}/gd-raw`)) as Obj;
      expect(g).to.include({ apiVersion: 'example.com/v1', kind: 'Gadget' });
      expect(g.metadata.name).to.equal('gd-raw');
      expect(g.spec).to.deep.equal({ model: 'gizmo', count: 2 });
      const list = JSON.parse(await ok('get', '--raw', G)) as Obj;
      expect(list).to.include({ apiVersion: 'example.com/v1', kind: 'GadgetList' });
      expect((list.items as Obj[]).map((i) => i.metadata.name)).to.include('gd-raw');
      expect((await fails('get', '--raw', `${G}/nope`)).stderr).to.contain('NotFound');
    });

    it('explain gadget.spec', async () => {
      const spec = await ok('explain', 'gadget.spec');
      expect(spec).to.match(/GROUP:\s+example\.com/);
      expect(spec).to.match(/KIND:\s+Gadget/);
      expect(spec).to.match(/VERSION:\s+v1/);
      expect(spec).to.match(/FIELD: spec <GadgetSpec>/);
      expect(spec).to.match(/count\s+<integer>\n\s+How many gadgets of this model; never negative\./);
      expect(spec).to.match(/model\s+<string>\n\s+Model name of the gadget\./);
    });

    it('get --chunk-size=1 pages through 3 gadgets one per request', async () => {
      for (const n of ['gd-ch1', 'gd-ch2', 'gd-ch3']) await createGadget(n, { model: `m-${n}`, count: 1 }, { labels: { set: 'chunk' } });
      const r = await kubectl('get', 'gadgets', '-l', 'set=chunk', '--chunk-size=1', '-v=6');
      expect(r.code, r.stderr).to.equal(0);
      const rows = r.stdout.trim().split('\n');
      expect(rows[0]).to.match(/^NAME\s+MODEL\s+COUNT\s+AGE$/);
      expect(rows.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).to.deep.equal([
        ['gd-ch1', 'm-gd-ch1', '1'],
        ['gd-ch2', 'm-gd-ch2', '1'],
        ['gd-ch3', 'm-gd-ch3', '1'],
      ]);
      const pages = requestedURLs(r.stderr).filter((u) => u.includes('/apis/example.com/v1/gadgets?'));
      expect(pages[0]).to.match(/\?labelSelector=set%3Dchunk&limit=1$/);
      // One object per page: at least two more pages, each asked for with the previous continue token.
      expect(pages.length).to.be.at.least(3);
      for (const u of pages.slice(1)) expect(u).to.match(/\?continue=[^&]+&labelSelector=set%3Dchunk&limit=1$/);
      const json = await getJSON('gadgets', '-l', 'set=chunk', '--chunk-size=1');
      expect(json.items.map((i: Obj) => i.metadata.name)).to.deep.equal(['gd-ch1', 'gd-ch2', 'gd-ch3']);
    });

    it('patch --type=merge and --type=json; the default strategic type is refused', async () => {
      await createGadget('gd-p');
      expect(await ok('patch', 'gadget', 'gd-p', '--type=merge', '-p', '{"spec":{"count":5,"model":null}}')).to.equal('gadget.example.com/gd-p patched\n');
      expect((await getJSON('gadget', 'gd-p')).spec).to.deep.equal({ count: 5 });
      const ops = '[{"op":"test","path":"/spec/count","value":5},{"op":"add","path":"/spec/model","value":"gadgetron"},{"op":"replace","path":"/spec/count","value":6}]';
      expect(await ok('patch', 'gadget', 'gd-p', '--type=json', '-p', ops)).to.equal('gadget.example.com/gd-p patched\n');
      const g = await getJSON('gadget', 'gd-p');
      expect(g.spec).to.deep.equal({ model: 'gadgetron', count: 6 });
      expect(g.metadata.generation).to.equal(3);
      // A failed test op changes nothing.
      const failedTest = await fails('patch', 'gadget', 'gd-p', '--type=json', '-p', '[{"op":"test","path":"/spec/count","value":1},{"op":"replace","path":"/spec/count","value":0}]');
      expect(failedTest.stderr).to.contain('the server rejected our request due to an error in our request');
      expect((await getJSON('gadget', 'gd-p')).spec.count).to.equal(6);
      // example.com kinds behave like CRDs: no strategic merge patch (415).
      const strategic = await fails('patch', 'gadget', 'gd-p', '-p', '{"spec":{"count":7}}');
      expect(strategic.stderr).to.contain('application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Gadget');
      expect(strategic.stderr).to.contain('accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    });
  });

  describe('Ingress (networking.k8s.io/v1)', () => {
    it('patch with the default strategic type merges maps and replaces the atomic rules list', async () => {
      await createIngress('ing-sp');
      const patch = { metadata: { labels: { app: 'shop' } }, spec: { defaultBackend: { service: { port: { number: 8080 } } } } };
      expect(await ok('patch', 'ingress', 'ing-sp', '-p', JSON.stringify(patch))).to.equal('ingress.networking.k8s.io/ing-sp patched\n');
      let ing = await getJSON('ingress', 'ing-sp');
      expect(ing.metadata.labels).to.deep.equal({ app: 'shop' });
      expect(ing.spec.defaultBackend).to.deep.equal({ service: { name: 'default-http-backend', port: { number: 8080 } } });
      expect(ing.spec.tls).to.deep.equal(INGRESS_FIXTURE.spec.tls);
      expect(ing.spec.rules).to.deep.equal(INGRESS_FIXTURE.spec.rules);
      expect(ing.metadata.generation).to.equal(2);
      const rules = [{ host: 'only.example.com', http: { paths: [{ path: '/x', pathType: 'Exact', backend: { service: { name: 'x', port: { number: 81 } } } }] } }];
      await ok('patch', 'ingress', 'ing-sp', '--type=strategic', '-p', JSON.stringify({ spec: { rules } }));
      ing = await getJSON('ingress', 'ing-sp');
      expect(ing.spec.rules).to.deep.equal(rules);
      expect(ing.spec.ingressClassName).to.equal('nginx');
    });

    it('patch --type=json replaces, adds and removes', async () => {
      await createIngress('ing-jp');
      const ops = [
        { op: 'replace', path: '/spec/rules/0/host', value: 'new.example.com' },
        { op: 'add', path: '/spec/rules/0/http/paths/-', value: { path: '/static', pathType: 'Prefix', backend: { service: { name: 'static', port: { number: 8080 } } } } },
        { op: 'remove', path: '/spec/tls' },
      ];
      expect(await ok('patch', 'ingress', 'ing-jp', '--type=json', '-p', JSON.stringify(ops))).to.equal('ingress.networking.k8s.io/ing-jp patched\n');
      const ing = await getJSON('ingress', 'ing-jp');
      expect(ing.spec.rules[0].host).to.equal('new.example.com');
      expect(ing.spec.rules[0].http.paths.map((p: Obj) => p.path)).to.deep.equal(['/', '/api', '/static']);
      expect(ing.spec).not.to.have.property('tls');
      // The result is validated like any write: a path without pathType is refused.
      const invalid = await fails('patch', 'ingress', 'ing-jp', '--type=json', '-p', '[{"op":"remove","path":"/spec/rules/0/http/paths/0/pathType"}]');
      expect(invalid.stderr).to.contain('spec.rules[0].http.paths[0].pathType: Required value');
    });

    it('patch --subresource=status --type=merge changes status only', async () => {
      await createIngress('ing-st');
      const patch = { status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } }, spec: { ingressClassName: 'other' } };
      expect(await ok('patch', 'ingress', 'ing-st', '--subresource=status', '--type=merge', '-p', JSON.stringify(patch))).to.equal(
        'ingress.networking.k8s.io/ing-st patched\n',
      );
      const ing = await getJSON('ingress', 'ing-st');
      expect(ing.status).to.deep.equal({ loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } });
      expect(ing.spec.ingressClassName).to.equal('nginx');
      expect(ing.metadata.generation).to.equal(1);
      expect(await ok('get', 'ingress', 'ing-st')).to.match(/^ing-st\s+nginx\s+shop\.example\.com\s+10\.0\.0\.1\s/m);
      // The main resource ignores status.
      await ok('patch', 'ingress', 'ing-st', '--type=merge', '-p', '{"status":{"loadBalancer":{"ingress":[{"ip":"10.9.9.9"}]}}}');
      expect((await getJSON('ingress', 'ing-st')).status.loadBalancer.ingress).to.deep.equal([{ ip: '10.0.0.1' }]);
    });

    it('delete --dry-run=server leaves the object', async () => {
      await createIngress('ing-del');
      expect(await ok('delete', 'ingress', 'ing-del', '--dry-run=server')).to.equal('ingress.networking.k8s.io "ing-del" deleted (server dry run)\n');
      expect((await getJSON('ingress', 'ing-del')).spec.rules).to.deep.equal(INGRESS_FIXTURE.spec.rules);
      expect(await ok('delete', 'ingress', 'ing-del')).to.equal('ingress.networking.k8s.io "ing-del" deleted\n');
      expect((await fails('get', 'ingress', 'ing-del')).stderr.trim()).to.equal(
        'Error from server (NotFound): ingresses.networking.k8s.io "ing-del" not found',
      );
    });

    it('diff of the fixture with another host exits 1 and stores nothing', async () => {
      await createIngress('ing-df');
      const same = await kubectl('diff', '-f', await manifest('same.yaml', fixtureIngress('ing-df')));
      expect(same.code, same.stderr).to.equal(0);
      expect(same.stdout).to.equal('');
      const changed = fixtureIngress('ing-df');
      changed.spec.rules[0].host = 'other.example.com';
      const r = await kubectl('diff', '-f', await manifest('changed.yaml', changed));
      expect(r.code, r.stderr).to.equal(1);
      expect(r.stdout).to.match(/^-\s+- host: shop\.example\.com$/m);
      expect(r.stdout).to.match(/^\+\s+- host: other\.example\.com$/m);
      expect((await getJSON('ingress', 'ing-df')).spec.rules[0].host).to.equal('shop.example.com');
    });

    it('get --raw reads the object at v1 and, converted, at v1beta1', async () => {
      const created = await createIngress('ing-raw');
      const v1 = JSON.parse(await ok('get', '--raw', `${ING}/ing-raw`)) as Obj;
      expect(v1).to.include({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' });
      expect(v1.spec.defaultBackend).to.deep.equal({ service: { name: 'default-http-backend', port: { number: 80 } } });
      const beta = JSON.parse(await ok('get', '--raw', '/apis/networking.k8s.io/v1beta1/namespaces/default/ingresses/ing-raw')) as Obj;
      expect(beta).to.include({ apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress' });
      expect(beta.spec.backend).to.deep.equal({ serviceName: 'default-http-backend', servicePort: 80 });
      expect(beta.metadata.uid).to.equal(created.metadata.uid);
      expect((await fails('get', '--raw', `${ING}/nope`)).stderr).to.contain('NotFound');
    });

    it('label, --overwrite and key-', async () => {
      await createIngress('ing-lb');
      expect(await ok('label', 'ingress', 'ing-lb', 'tier=edge')).to.equal('ingress.networking.k8s.io/ing-lb labeled\n');
      expect((await fails('label', 'ing', 'ing-lb', 'tier=core')).stderr).to.contain("'tier' already has a value (edge), and --overwrite is false");
      await ok('label', 'ing', 'ing-lb', 'tier=core', '--overwrite');
      expect((await getJSON('ingress', 'ing-lb')).metadata.labels).to.deep.equal({ tier: 'core' });
      expect(await ok('get', 'ingress', '-l', 'tier=core', '-o', 'name')).to.equal('ingress.networking.k8s.io/ing-lb\n');
      expect(await ok('label', 'ingress', 'ing-lb', 'tier-')).to.equal('ingress.networking.k8s.io/ing-lb unlabeled\n');
      expect((await getJSON('ingress', 'ing-lb')).metadata.labels).to.equal(undefined);
    });

    it('get --chunk-size=1 pages through 3 ingresses', async () => {
      await session.server.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ing-chunks' } });
      const names = ['i1', 'i2', 'i3'];
      for (const n of names) await createIngress(n, 'ing-chunks');
      const r = await kubectl('get', 'ingresses', '-n', 'ing-chunks', '--chunk-size=1', '-o', 'name', '-v=6');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.trim().split('\n')).to.deep.equal(names.map((n) => `ingress.networking.k8s.io/${n}`));
      const pages = requestedURLs(r.stderr).filter((u) => u.includes('/namespaces/ing-chunks/ingresses?'));
      expect(pages[0]).to.match(/\?limit=1$/);
      expect(pages.length).to.be.at.least(3);
      for (const u of pages.slice(1)) expect(u).to.match(/\?continue=[^&]+&limit=1$/);
      const table = (await ok('get', 'ing', '-n', 'ing-chunks', '--chunk-size=1')).trim().split('\n');
      expect(table[0]).to.match(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$/);
      expect(table.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).to.deep.equal(names.map((n) => [n, 'nginx', 'shop.example.com']));
    });
  });
});
